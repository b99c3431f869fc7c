-- what a job's last attempt computed: the images its model's forward passes ran (responses read from the activation
-- store not counted) and their throughput in images per second, stimulus generation excluded; null when it computed
-- none (a fully cached job)
alter table job add column forward_images int;
alter table job add column images_per_second double precision;
