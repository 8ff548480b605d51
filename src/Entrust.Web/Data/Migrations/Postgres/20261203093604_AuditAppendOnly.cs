using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Entrust.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AuditAppendOnly : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The audit table append-only in the database (Features/Audit/AuditTable.cs).
            migrationBuilder.Sql(Entrust.Web.Features.Audit.AuditTable.AppendOnly);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(Entrust.Web.Features.Audit.AuditTable.Undo);
        }
    }
}
