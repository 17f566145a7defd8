-- funding_totals follows funding_lines row by row, in the writer's transaction:
-- a summary is always the exact sum of the lines it summarises.
create or replace function apply_funding_totals() returns trigger language plpgsql as $$
begin
  if tg_op in ('DELETE', 'UPDATE') then
    update funding_totals set amount_fen = amount_fen - old.amount_fen
      where year = old.year and district_code = old.district_code and source = old.source;
  end if;
  if tg_op in ('INSERT', 'UPDATE') then
    insert into funding_totals (year, district_code, source, amount_fen)
      values (new.year, new.district_code, new.source, new.amount_fen)
      on conflict (year, district_code, source) do update set amount_fen = funding_totals.amount_fen + excluded.amount_fen;
  end if;
  return null;
end
$$;
--> statement-breakpoint
create trigger funding_lines_totals
  after insert or update or delete on funding_lines
  for each row execute function apply_funding_totals();
--> statement-breakpoint
insert into funding_totals (year, district_code, source, amount_fen)
  select year, district_code, source, sum(amount_fen) from funding_lines group by 1, 2, 3
  on conflict (year, district_code, source) do update set amount_fen = excluded.amount_fen;
