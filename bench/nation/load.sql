-- A stand-in for Citus: the province's inspections copied into tables partitioned by hash of "DistrictId" in schema `nation`
-- (one PostgreSQL, :parts partitions standing for the shards). Reads public.*, writes only schema nation.
-- The partitions are UNLOGGED (faster to load; sizes and reads are as for logged tables). psql -v parts=32 -f load.sql
\set ON_ERROR_STOP on
\timing on
SET work_mem = '256MB';
SET maintenance_work_mem = '1GB';
DROP SCHEMA IF EXISTS nation CASCADE;
CREATE SCHEMA nation;

-- Distributed by district: the columns of the app's tables. InspectionOfficers and InspectionTargets have no "DistrictId" in the
-- app's model; here they get one (a Citus table must carry its distribution column to be colocated with its inspection).
CREATE TABLE nation.inspections (LIKE public."Inspections" INCLUDING DEFAULTS) PARTITION BY HASH ("DistrictId");
CREATE TABLE nation.inspection_officers ("DistrictId" uuid NOT NULL, "InspectionId" uuid NOT NULL, "OfficerId" uuid NOT NULL)
    PARTITION BY HASH ("DistrictId");
CREATE TABLE nation.inspection_targets ("DistrictId" uuid NOT NULL, "InspectionId" uuid NOT NULL, "TargetId" uuid NOT NULL)
    PARTITION BY HASH ("DistrictId");
CREATE TABLE nation.officers (LIKE public."Officers" INCLUDING DEFAULTS) PARTITION BY HASH ("DistrictId");
SELECT format('CREATE UNLOGGED TABLE nation.%s_p%s PARTITION OF nation.%s FOR VALUES WITH (MODULUS %s, REMAINDER %s)', t, r, t, :parts, r)
FROM unnest(ARRAY['inspections', 'inspection_officers', 'inspection_targets', 'officers']) t, generate_series(0, :parts - 1) r
\gexec

-- The load: the three big copies side by side would only fight for 2 cores; one after the other.
INSERT INTO nation.inspections SELECT * FROM public."Inspections";
INSERT INTO nation.inspection_officers SELECT i."DistrictId", o."InspectionId", o."OfficerId"
    FROM public."InspectionOfficers" o JOIN public."Inspections" i ON i."Id" = o."InspectionId";
INSERT INTO nation.inspection_targets SELECT i."DistrictId", t."InspectionId", t."TargetId"
    FROM public."InspectionTargets" t JOIN public."Inspections" i ON i."Id" = t."InspectionId";
INSERT INTO nation.officers SELECT * FROM public."Officers";

-- The app's indexes, each made per partition; a unique key must contain the distribution column (as on Citus).
ALTER TABLE nation.inspections ADD PRIMARY KEY ("DistrictId", "Id");
CREATE INDEX ON nation.inspections ("DistrictId", "DepartmentId", "StartedOn");
CREATE INDEX ON nation.inspections ("DistrictId", "MatterId", "TownshipId", "Kind", "StartedOn");
CREATE INDEX ON nation.inspections ("DistrictId", "TownshipId", "StartedOn");
CREATE INDEX ON nation.inspections ("CampaignId");
CREATE INDEX ON nation.inspections ("DepartmentId");
CREATE INDEX ON nation.inspections ("MatterId");
CREATE INDEX ON nation.inspections ("RandomPlanId");
CREATE INDEX ON nation.inspections ("ReinspectionOfOrderId");
CREATE INDEX ON nation.inspections ("TownshipId");
ALTER TABLE nation.inspection_officers ADD PRIMARY KEY ("DistrictId", "InspectionId", "OfficerId");
CREATE INDEX ON nation.inspection_officers ("OfficerId");
ALTER TABLE nation.inspection_targets ADD PRIMARY KEY ("DistrictId", "InspectionId", "TargetId");
CREATE INDEX ON nation.inspection_targets ("TargetId");
ALTER TABLE nation.officers ADD PRIMARY KEY ("DistrictId", "Id");
CREATE INDEX ON nation.officers ("DistrictId", "Name");
ANALYZE nation.inspections;
ANALYZE nation.inspection_officers;
ANALYZE nation.inspection_targets;
ANALYZE nation.officers;
