using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Entrust.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class I18CaseStepDayIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Cases_DistrictId_ClosedOn",
                table: "Cases",
                columns: new[] { "DistrictId", "ClosedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_DistrictId_DecidedOn",
                table: "Cases",
                columns: new[] { "DistrictId", "DecidedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_DistrictId_FiledOn",
                table: "Cases",
                columns: new[] { "DistrictId", "FiledOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_DistrictId_PaidOn",
                table: "Cases",
                columns: new[] { "DistrictId", "PaidOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_DistrictId_TransferredOn",
                table: "Cases",
                columns: new[] { "DistrictId", "TransferredOn" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Cases_DistrictId_ClosedOn",
                table: "Cases");

            migrationBuilder.DropIndex(
                name: "IX_Cases_DistrictId_DecidedOn",
                table: "Cases");

            migrationBuilder.DropIndex(
                name: "IX_Cases_DistrictId_FiledOn",
                table: "Cases");

            migrationBuilder.DropIndex(
                name: "IX_Cases_DistrictId_PaidOn",
                table: "Cases");

            migrationBuilder.DropIndex(
                name: "IX_Cases_DistrictId_TransferredOn",
                table: "Cases");
        }
    }
}
