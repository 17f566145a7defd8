-- Every statement that writes compounds bumps the registry version in the same
-- transaction and notifies listeners at commit, so list caches in every
-- process know at once that they are stale.
insert into registry_versions (id, version) values (1, 0) on conflict do nothing;
--> statement-breakpoint
create or replace function bump_registry_version() returns trigger language plpgsql as $$
declare
  v bigint;
begin
  update registry_versions set version = version + 1 where id = 1 returning version into v;
  perform pg_notify('registry_version', v::text);
  return null;
end
$$;
--> statement-breakpoint
create trigger compounds_bump_registry_version
  after insert or update or delete or truncate on compounds
  for each statement execute function bump_registry_version();
