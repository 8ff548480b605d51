using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Entrust.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class I18InspectionListOrder : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Inspections_DistrictId_StartedOn_Id",
                table: "Inspections",
                columns: new[] { "DistrictId", "StartedOn", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Inspections_DistrictId_StartedOn_Id",
                table: "Inspections");
        }
    }
}
