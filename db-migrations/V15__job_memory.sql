-- what a job's last attempt used: the worker's peak resident memory (bytes, heap and native) while it ran, and the
-- batch size the worker picked for it from the version's preflight memory measurement and its memory budget
alter table job add column peak_memory_bytes bigint;
alter table job add column batch_size int;
