-- A version written without an explicit identity (bulk imports, seeding scripts, tools that predate V4) gets the
-- default V4 gives existing rows: its artifact's sha-256 (the identity of a version whose effective metadata is the
-- artifact's own).
create function model_version_identity_default() returns trigger language plpgsql as $$
begin
  if new.identity is null then
    new.identity := new.sha256;
  end if;
  return new;
end $$;

create trigger model_version_identity_default before insert on model_version
  for each row execute function model_version_identity_default();
