-- Fair aggregates (issue 8): each leaderboard row carries its coverage on this instance; model versions are
-- identified by artifact and effective metadata; submissions remember what they asked for and what was already
-- scored; Marques2020 errors become Brain-Score's raw bootstrap SD.

-- coverage of the tree below a node: leaves scored for this model, installed here, and in the tree definition
alter table leaderboard_entry add column scored_leaves int not null default 0;
alter table leaderboard_entry add column installed_leaves int not null default 0;
alter table leaderboard_entry add column total_leaves int not null default 0;
alter table leaderboard_entry add column coverage text;

-- a version's identity: the artifact's sha-256 when the effective metadata is the artifact's own, otherwise
-- sha-256(artifact sha-256 + canonical effective metadata); same bytes with other metadata is another version
alter table model_version add column identity text;
update model_version set identity = sha256;
alter table model_version alter column identity set not null;
alter table model_version add constraint model_version_identity_key unique (model_id, identity);
alter table model_version drop constraint model_version_model_id_sha256_key;
create index model_version_sha256_idx on model_version (model_id, sha256);

-- what a submission asked for (as sent, or the stated default) and what it did not queue because it was scored
alter table submission add column requested text;
alter table submission add column already_scored text not null default '';

-- Brain-Score keeps the raw bootstrap SD as a property score's error (its ceiling step leaves error unscaled)
update score set error = (details ->> 'bootstrap_std')::double precision
 where benchmark_id like 'Marques2020\_%' and formula_id = 'raw/ceiling' and details ? 'bootstrap_std'
   and jsonb_typeof(details -> 'bootstrap_std') = 'number';
