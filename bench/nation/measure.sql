-- Measurements for docs/scale.md "A plan for a nation": each query on the plain public tables and on the partitioned copies in
-- schema nation (load.sql). nation.run() runs EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) `reps` times and keeps the partitions the
-- plan touched, the best and median execution time and the buffers of the last run; one text plan of each is printed too.
\set ON_ERROR_STOP on
\pset pager off
SET jit = off;          -- as the app's connection sees the server in docs/performance.md's quiet runs (JIT adds ~100 ms of compiling)
SET max_parallel_workers_per_gather = 2;
SELECT now() AS started, pg_size_pretty(pg_database_size(current_database())) AS database_size;

-- The district and month measured: the first district by id, October 2026 (the generated data run to 2026-11-24).
SELECT "Id" AS d FROM public."Districts" ORDER BY "Id" LIMIT 1 \gset
\set m0 '''2026-10-01'''
\set m1 '''2026-10-31'''
\set y0 '''2025-12-01'''
\set y1 '''2026-11-30'''

DROP TABLE IF EXISTS nation.results;
CREATE TABLE nation.results (label text, tables text, partitions int, best_ms numeric, median_ms numeric, planning_ms numeric,
    shared_hit bigint, shared_read bigint, rows bigint, at timestamptz DEFAULT clock_timestamp());
CREATE OR REPLACE FUNCTION nation.run(label text, tables text, q text, reps int DEFAULT 5) RETURNS void LANGUAGE plpgsql AS $$
DECLARE p json; t numeric[] := '{}'; pl numeric[] := '{}'; i int;
BEGIN
  FOR i IN 1..reps LOOP
    EXECUTE 'EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ' || q INTO p;
    t := t || (p->0->>'Execution Time')::numeric;
    pl := pl || (p->0->>'Planning Time')::numeric;
  END LOOP;
  INSERT INTO nation.results (label, tables, partitions, best_ms, median_ms, planning_ms, shared_hit, shared_read, rows)
  SELECT label, tables,
         (SELECT count(DISTINCT m[1]) FROM regexp_matches(p::text, '"Relation Name": "([a-z_]+_p[0-9]+)"', 'g') m),
         (SELECT min(x) FROM unnest(t) x),
         (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY x) FROM unnest(t) x),
         (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY x) FROM unnest(pl) x),
         (p->0->'Plan'->>'Shared Hit Blocks')::bigint, (p->0->'Plan'->>'Shared Read Blocks')::bigint,
         (p->0->'Plan'->>'Actual Rows')::bigint;
END $$;

-- (a) District-scoped, of the app's kind -------------------------------------------------------------------------------
-- A district's month grouped as ReportFigures groups it (township × department × matter × kind × random × result × re-inspection).
\set q_month_plain 'SELECT "TownshipId", "DepartmentId", "MatterId", "Kind", "RandomPlanId" IS NOT NULL, "Result", "ReinspectionOfOrderId" IS NOT NULL, count(*) FROM public."Inspections" WHERE "DistrictId" = ''' :d ''' AND "StartedOn" BETWEEN ' :m0 ' AND ' :m1 ' GROUP BY 1, 2, 3, 4, 5, 6, 7'
\set q_month_nation 'SELECT "TownshipId", "DepartmentId", "MatterId", "Kind", "RandomPlanId" IS NOT NULL, "Result", "ReinspectionOfOrderId" IS NOT NULL, count(*) FROM nation.inspections WHERE "DistrictId" = ''' :d ''' AND "StartedOn" BETWEEN ' :m0 ' AND ' :m1 ' GROUP BY 1, 2, 3, 4, 5, 6, 7'
-- The targets covered (ReportFigures' `covered`): the inspections joined to their targets. The app joins on InspectionId alone.
\set q_cov_plain 'SELECT i."TownshipId", i."DepartmentId", i."MatterId", count(DISTINCT t."TargetId") FROM public."Inspections" i JOIN public."InspectionTargets" t ON t."InspectionId" = i."Id" WHERE i."DistrictId" = ''' :d ''' AND i."StartedOn" BETWEEN ' :m0 ' AND ' :m1 ' GROUP BY 1, 2, 3'
\set q_cov_nation_app 'SELECT i."TownshipId", i."DepartmentId", i."MatterId", count(DISTINCT t."TargetId") FROM nation.inspections i JOIN nation.inspection_targets t ON t."InspectionId" = i."Id" WHERE i."DistrictId" = ''' :d ''' AND i."StartedOn" BETWEEN ' :m0 ' AND ' :m1 ' GROUP BY 1, 2, 3'
\set q_cov_nation 'SELECT i."TownshipId", i."DepartmentId", i."MatterId", count(DISTINCT t."TargetId") FROM nation.inspections i JOIN nation.inspection_targets t ON t."DistrictId" = i."DistrictId" AND t."InspectionId" = i."Id" WHERE i."DistrictId" = ''' :d ''' AND t."DistrictId" = ''' :d ''' AND i."StartedOn" BETWEEN ' :m0 ' AND ' :m1 ' GROUP BY 1, 2, 3'
-- The officers' acts in the month (ReportFigures' inspectionActs), joined to InspectionOfficers the same two ways.
\set q_acts_plain 'SELECT i."TownshipId", i."DepartmentId", o."OfficerId", count(*) FROM public."Inspections" i JOIN public."InspectionOfficers" o ON o."InspectionId" = i."Id" WHERE i."DistrictId" = ''' :d ''' AND i."StartedOn" BETWEEN ' :m0 ' AND ' :m1 ' GROUP BY 1, 2, 3'
\set q_acts_nation_app 'SELECT i."TownshipId", i."DepartmentId", o."OfficerId", count(*) FROM nation.inspections i JOIN nation.inspection_officers o ON o."InspectionId" = i."Id" WHERE i."DistrictId" = ''' :d ''' AND i."StartedOn" BETWEEN ' :m0 ' AND ' :m1 ' GROUP BY 1, 2, 3'
\set q_acts_nation 'SELECT i."TownshipId", i."DepartmentId", o."OfficerId", count(*) FROM nation.inspections i JOIN nation.inspection_officers o ON o."DistrictId" = i."DistrictId" AND o."InspectionId" = i."Id" WHERE i."DistrictId" = ''' :d ''' AND o."DistrictId" = ''' :d ''' AND i."StartedOn" BETWEEN ' :m0 ' AND ' :m1 ' GROUP BY 1, 2, 3'
-- A list page: the district's latest 20 inspections; the officer list (20 by name and the count).
\set q_list_plain 'SELECT * FROM public."Inspections" WHERE "DistrictId" = ''' :d ''' ORDER BY "StartedOn" DESC, "Id" DESC LIMIT 20'
\set q_list_nation 'SELECT * FROM nation.inspections WHERE "DistrictId" = ''' :d ''' ORDER BY "StartedOn" DESC, "Id" DESC LIMIT 20'
\set q_off_plain 'SELECT *, count(*) OVER () FROM public."Officers" WHERE "DistrictId" = ''' :d ''' ORDER BY "Name", "Id" LIMIT 20'
\set q_off_nation 'SELECT *, count(*) OVER () FROM nation.officers WHERE "DistrictId" = ''' :d ''' ORDER BY "Name", "Id" LIMIT 20'
-- An inspection by id, without its district (SettledMonth.cs reads one so) and with it.
SELECT "Id" AS iid FROM public."Inspections" WHERE "DistrictId" = :'d' AND "StartedOn" = '2026-10-15' LIMIT 1 \gset
\set q_id_plain 'SELECT "StartedOn" FROM public."Inspections" WHERE "Id" = ''' :iid ''''
\set q_id_nation_app 'SELECT "StartedOn" FROM nation.inspections WHERE "Id" = ''' :iid ''''
\set q_id_nation 'SELECT "StartedOn" FROM nation.inspections WHERE "DistrictId" = ''' :d ''' AND "Id" = ''' :iid ''''

-- (b) Cross-district: the province's statistics, every district's inspections of 12 months by month --------------------
\set q_prov_plain 'SELECT date_trunc(''month'', "StartedOn"), count(*) FROM public."Inspections" WHERE "StartedOn" BETWEEN ' :y0 ' AND ' :y1 ' GROUP BY 1'
\set q_prov_nation 'SELECT date_trunc(''month'', "StartedOn"), count(*) FROM nation.inspections WHERE "StartedOn" BETWEEN ' :y0 ' AND ' :y1 ' GROUP BY 1'
-- The same for one district (what one shard's share of the province query costs on its own).
\set q_prov1_nation 'SELECT date_trunc(''month'', "StartedOn"), count(*) FROM nation.inspections WHERE "DistrictId" = ''' :d ''' AND "StartedOn" BETWEEN ' :y0 ' AND ' :y1 ' GROUP BY 1'

SELECT nation.run('district month by matter (ReportFigures)', 'plain', :'q_month_plain');
SELECT nation.run('district month by matter (ReportFigures)', 'partitioned', :'q_month_nation');
-- A partition holding one to four districts is small enough that the planner (random_page_cost 4) prefers a seq scan of it; the
-- same queries with the seq scan ruled out show what the index costs there.
SET enable_seqscan = off;
SELECT nation.run('district month by matter (ReportFigures)', 'partitioned, seqscan off', :'q_month_nation');
SELECT nation.run('targets covered, join on DistrictId+InspectionId', 'partitioned, seqscan off', :'q_cov_nation');
SELECT nation.run('officers'' acts, join on DistrictId+InspectionId', 'partitioned, seqscan off', :'q_acts_nation');
RESET enable_seqscan;
SELECT nation.run('targets covered, join on InspectionId (app today)', 'plain', :'q_cov_plain');
SELECT nation.run('targets covered, join on InspectionId (app today)', 'partitioned', :'q_cov_nation_app');
SELECT nation.run('targets covered, join on DistrictId+InspectionId', 'partitioned', :'q_cov_nation');
SELECT nation.run('officers'' acts, join on InspectionId (app today)', 'plain', :'q_acts_plain');
SELECT nation.run('officers'' acts, join on InspectionId (app today)', 'partitioned', :'q_acts_nation_app');
SELECT nation.run('officers'' acts, join on DistrictId+InspectionId', 'partitioned', :'q_acts_nation');
SELECT nation.run('inspection list, latest 20 of a district', 'plain', :'q_list_plain');
SELECT nation.run('inspection list, latest 20 of a district', 'partitioned', :'q_list_nation');
SELECT nation.run('officer list, 20 by name + count', 'plain', :'q_off_plain');
SELECT nation.run('officer list, 20 by name + count', 'partitioned', :'q_off_nation');
SELECT nation.run('inspection by Id alone', 'plain', :'q_id_plain');
SELECT nation.run('inspection by Id alone', 'partitioned', :'q_id_nation_app');
SELECT nation.run('inspection by DistrictId + Id', 'partitioned', :'q_id_nation');
SELECT nation.run('province: 40 districts x 12 months by month', 'plain', :'q_prov_plain', 3);
SELECT nation.run('province: 40 districts x 12 months by month', 'partitioned', :'q_prov_nation', 3);
SELECT nation.run('one district x 12 months by month', 'partitioned', :'q_prov1_nation');

-- The admin's filter (AllDistricts OR DistrictId = @d) as a prepared statement with a generic plan (Npgsql prepares; PostgreSQL
-- goes generic after five runs): can the partitions be pruned when @all is false?
SET plan_cache_mode = force_generic_plan;
PREPARE admin_form(boolean, uuid) AS SELECT count(*) FROM nation.inspections WHERE ($1 OR "DistrictId" = $2) AND "StartedOn" BETWEEN '2026-10-01' AND '2026-10-31';
PREPARE district_form(uuid) AS SELECT count(*) FROM nation.inspections WHERE "DistrictId" = $1 AND "StartedOn" BETWEEN '2026-10-01' AND '2026-10-31';
\echo '== generic plan, (@all OR DistrictId = @d) with @all = false'
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON) EXECUTE admin_form(false, :'d');
\echo '== generic plan, DistrictId = @d (the district users'' model)'
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON) EXECUTE district_form(:'d');
RESET plan_cache_mode;

\echo '== text plans (one run each)'
EXPLAIN (ANALYZE, BUFFERS) :q_month_nation;
EXPLAIN (ANALYZE, BUFFERS) :q_cov_nation_app;
EXPLAIN (ANALYZE, BUFFERS) :q_cov_nation;
EXPLAIN (ANALYZE, BUFFERS) :q_id_nation_app;
EXPLAIN (ANALYZE, BUFFERS) :q_prov_nation;

-- (c) Bytes per inspection, with its officer and target rows and every index ------------------------------------------
\echo '== sizes'
CREATE OR REPLACE VIEW nation.sizes AS
SELECT t.label, t.rel,
       coalesce((SELECT sum(pg_total_relation_size(p.relid)) FROM pg_partition_tree(t.rel) p), pg_total_relation_size(t.rel)) AS bytes,
       coalesce((SELECT sum(pg_relation_size(p.relid)) FROM pg_partition_tree(t.rel) p), pg_relation_size(t.rel)) AS heap_bytes
FROM (VALUES ('partitioned', 'nation.inspections'::regclass), ('partitioned', 'nation.inspection_officers'),
             ('partitioned', 'nation.inspection_targets'), ('partitioned', 'nation.officers'),
             ('plain', 'public."Inspections"'::regclass), ('plain', 'public."InspectionOfficers"'),
             ('plain', 'public."InspectionTargets"'), ('plain', 'public."Officers"'),
             ('plain', 'public."Cases"'::regclass), ('plain', 'public."CaseOfficers"'), ('plain', 'public."CaseEvidence"'),
             ('plain', 'public."Targets"')) t(label, rel);
SELECT count(*) AS inspections FROM public."Inspections" \gset
SELECT count(*) AS cases FROM public."Cases" \gset
SELECT label, rel, pg_size_pretty(bytes) AS total, pg_size_pretty(heap_bytes) AS heap, round(bytes::numeric / :inspections) AS bytes_per_inspection
FROM nation.sizes ORDER BY label, rel::text;
SELECT label, round(sum(bytes)::numeric / :inspections) AS bytes_per_inspection_with_officers_targets
FROM nation.sizes WHERE rel::text ~* 'inspection' GROUP BY label;
SELECT round(sum(bytes)::numeric / :cases) AS bytes_per_case_with_officers_evidence FROM nation.sizes WHERE rel::text ~ 'Case';
-- One partition's share: how even the hash spreads 40 districts over the partitions (rows per partition).
SELECT count(*) AS partitions_with_rows, min(n) AS min_rows, max(n) AS max_rows, round(avg(n)) AS avg_rows,
       min(districts) AS min_districts, max(districts) AS max_districts
FROM (SELECT tableoid, count(*) n, count(DISTINCT "DistrictId") districts FROM nation.inspections GROUP BY tableoid) x;

-- The nation's spread, computed (not measured on Citus): 3,000 random district ids hashed into 128 shards as Citus hashes (a 32-bit
-- hash cut into equal ranges); how many districts a shard holds, and how many shards a province of 97 districts (3,000 / 31) touches.
\echo '== 3,000 districts hashed into 128 shards (computed)'
WITH d AS (SELECT gen_random_uuid() AS id, g FROM generate_series(1, 3000) g),
     s AS (SELECT (uuid_hash(id)::bigint + 2147483648) * 128 / 4294967296 AS shard, g FROM d),
     per AS (SELECT shard, count(*) AS n FROM s GROUP BY shard)
SELECT count(*) AS shards_used, min(n) AS min_districts, max(n) AS max_districts, round(avg(n), 1) AS avg_districts,
       (SELECT count(DISTINCT shard) FROM s WHERE g <= 97) AS shards_touched_by_97_districts FROM per;

\echo '== summary'
SELECT label, tables, partitions, best_ms, round(median_ms, 1) AS median_ms, round(planning_ms, 2) AS planning_ms, shared_hit, shared_read, rows
FROM nation.results ORDER BY at;
SELECT now() AS finished;
