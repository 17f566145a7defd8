ALTER TABLE "surveys" ADD COLUMN "tally" jsonb;--> statement-breakpoint
-- Surveys closed before the tally existed get it now, counted as a close counts them.
UPDATE "surveys" s SET "tally" = jsonb_build_object(
  'answered', (select count(*) from survey_responses r where r.survey_id = s.id and r.channel <> 'refused'),
  'refused', (select count(*) from survey_responses r where r.survey_id = s.id and r.channel = 'refused'),
  'answers', coalesce((
    select jsonb_object_agg(question, counts) from (
      select question, jsonb_object_agg(answer, n) as counts from (
        select a.key as question, coalesce(a.value #>> '{}', 'null') as answer, count(*) as n
        from survey_responses r, jsonb_each(r.answers) a where r.survey_id = s.id and r.channel <> 'refused' group by 1, 2) x
      group by question) y), '{}'::jsonb))
WHERE s.status = 'closed';
