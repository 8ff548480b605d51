namespace Entrust.Web.Features.Audit;

/// <summary>
/// The audit table made append-only by PostgreSQL itself (applied by the Postgres migration <c>AuditAppendOnly</c>): a trigger
/// refuses every DELETE, every TRUNCATE and every UPDATE except the sealer's one (an unlinked entry getting its link, previous
/// hash and hash, every other column unchanged), whoever sends it; and the role that runs the migrations (the application's)
/// loses DELETE and TRUNCATE on the table. A superuser or the table's owner can still disable the trigger: that is what the
/// keyed chain and the checkpoints outside the database catch (<see cref="AuditKey"/>, <see cref="AuditCheckpoints"/>).
/// SQLite has no such thing; there the interceptor refuses changes made through the application and the chain catches the rest.
/// </summary>
public static class AuditTable
{
    public const string AppendOnly = """
        CREATE OR REPLACE FUNCTION audit_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'UPDATE'
                AND OLD."Link" IS NULL AND OLD."PreviousHash" IS NULL AND OLD."Hash" IS NULL
                AND NEW."Link" IS NOT NULL AND NEW."PreviousHash" IS NOT NULL AND NEW."Hash" IS NOT NULL
                AND to_jsonb(NEW) - 'Link' - 'PreviousHash' - 'Hash' = to_jsonb(OLD) - 'Link' - 'PreviousHash' - 'Hash' THEN
                RETURN NEW;
            END IF;
            RAISE EXCEPTION 'The audit trail is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
        END $$;
        CREATE TRIGGER audit_entries_append_only BEFORE UPDATE OR DELETE ON "AuditEntries"
            FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only();
        CREATE TRIGGER audit_entries_no_truncate BEFORE TRUNCATE ON "AuditEntries"
            FOR EACH STATEMENT EXECUTE FUNCTION audit_entries_append_only();
        REVOKE DELETE, TRUNCATE ON "AuditEntries" FROM PUBLIC, CURRENT_USER;
        """;

    public const string Undo = """
        GRANT DELETE, TRUNCATE ON "AuditEntries" TO CURRENT_USER;
        DROP TRIGGER IF EXISTS audit_entries_no_truncate ON "AuditEntries";
        DROP TRIGGER IF EXISTS audit_entries_append_only ON "AuditEntries";
        DROP FUNCTION IF EXISTS audit_entries_append_only();
        """;
}
