using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Entrust.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class I14ScanIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Inspections_DistrictId_MatterId_TownshipId_Kind_StartedOn",
                table: "Inspections",
                columns: new[] { "DistrictId", "MatterId", "TownshipId", "Kind", "StartedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_DistrictId_Link",
                table: "AuditEntries",
                columns: new[] { "DistrictId", "Link" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Inspections_DistrictId_MatterId_TownshipId_Kind_StartedOn",
                table: "Inspections");

            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_DistrictId_Link",
                table: "AuditEntries");
        }
    }
}
