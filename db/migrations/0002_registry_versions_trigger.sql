-- Every statement that writes compounds bumps the registry version in the same
-- transaction: caches compare versions and are never stale after a commit.
insert into registry_versions (id, version) values (1, 0) on conflict do nothing;
--> statement-breakpoint
create or replace function bump_registry_version() returns trigger language plpgsql as $$
begin
  update registry_versions set version = version + 1 where id = 1;
  return null;
end
$$;
--> statement-breakpoint
create trigger compounds_bump_registry_version
  after insert or update or delete or truncate on compounds
  for each statement execute function bump_registry_version();
