using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Entrust.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class I14Escalation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "EscalationWorkingDays",
                table: "GapSettings",
                type: "integer",
                nullable: false,
                defaultValue: 5);

            migrationBuilder.AddColumn<DateOnly>(
                name: "EscalatedOn",
                table: "Gaps",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "OpenedOn",
                table: "Gaps",
                type: "date",
                nullable: false,
                defaultValue: new DateOnly(1, 1, 1));

            // A gap stored before escalation existed opened when it was found.
            migrationBuilder.Sql("UPDATE \"Gaps\" SET \"OpenedOn\" = \"FoundOn\";");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "EscalationWorkingDays",
                table: "GapSettings");

            migrationBuilder.DropColumn(
                name: "EscalatedOn",
                table: "Gaps");

            migrationBuilder.DropColumn(
                name: "OpenedOn",
                table: "Gaps");
        }
    }
}
