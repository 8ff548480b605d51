using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Entrust.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class I18InspectionTargetCount : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "TargetCount",
                table: "Inspections",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            // The inspections recorded before: each counted once from its targets (they never change after recording).
            migrationBuilder.Sql("""
                UPDATE "Inspections" SET "TargetCount" =
                    (SELECT COUNT(*) FROM "InspectionTargets" t WHERE t."InspectionId" = "Inspections"."Id")
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "TargetCount",
                table: "Inspections");
        }
    }
}
