using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Entrust.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class I12CaseOutcomes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<decimal>(
                name: "ChangedPenalty_Confiscation",
                table: "Cases",
                type: "TEXT",
                precision: 14,
                scale: 2,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "ChangedPenalty_Fine",
                table: "Cases",
                type: "TEXT",
                precision: 14,
                scale: 2,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ChangedPenalty_Measure",
                table: "Cases",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "ChangedPenalty_Warning",
                table: "Cases",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Overturned",
                table: "Cases",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "OverturnedOn",
                table: "Cases",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "RefundDue",
                table: "Cases",
                type: "TEXT",
                precision: 14,
                scale: 2,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "RefundedOn",
                table: "Cases",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ChangedPenalty_Confiscation",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "ChangedPenalty_Fine",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "ChangedPenalty_Measure",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "ChangedPenalty_Warning",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "Overturned",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "OverturnedOn",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "RefundDue",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "RefundedOn",
                table: "Cases");
        }
    }
}
