-- Leaderboard pages rank a node's public entries from one partial index, without a join to model per ranked row
-- (issue 11: a page of 50 rows of 10,000 models read every model's row to check its visibility).
-- is_public mirrors model.visibility = 'public' (ModelAccess.PUBLIC_SQL), kept in step by the two triggers below.
alter table leaderboard_entry add column is_public boolean not null default false;
update leaderboard_entry e set is_public = (m.visibility = 'public') from model m where m.id = e.model_id;

create function leaderboard_entry_is_public() returns trigger language plpgsql as $$
begin
  select m.visibility = 'public' into new.is_public from model m where m.id = new.model_id;
  return new;
end $$;
create trigger leaderboard_entry_is_public before insert or update of model_id on leaderboard_entry
  for each row execute function leaderboard_entry_is_public();

create function model_visibility_to_leaderboard() returns trigger language plpgsql as $$
begin
  update leaderboard_entry set is_public = (new.visibility = 'public') where model_id = new.id;
  return null;
end $$;
create trigger model_visibility_to_leaderboard after update of visibility on model
  for each row when (old.visibility is distinct from new.visibility) execute function model_visibility_to_leaderboard();

create index leaderboard_public_rank_idx on leaderboard_entry (node_id, value desc nulls last, model_id)
  where is_public;
