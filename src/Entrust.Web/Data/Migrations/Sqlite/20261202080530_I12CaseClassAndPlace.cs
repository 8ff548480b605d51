using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Entrust.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class I12CaseClassAndPlace : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<decimal>(
                name: "MajorFineOrganisation",
                table: "CaseSettings",
                type: "TEXT",
                precision: 14,
                scale: 2,
                nullable: false,
                defaultValue: 200000m);

            migrationBuilder.AddColumn<decimal>(
                name: "MajorFinePerson",
                table: "CaseSettings",
                type: "TEXT",
                precision: 14,
                scale: 2,
                nullable: false,
                defaultValue: 50000m);

            migrationBuilder.AddColumn<int>(
                name: "MaxExtensions",
                table: "CaseSettings",
                type: "INTEGER",
                nullable: false,
                defaultValue: 2);

            migrationBuilder.AddColumn<string>(
                name: "ClassLoweredBy",
                table: "Cases",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ClassLoweredOn",
                table: "Cases",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ClassLoweringReason",
                table: "Cases",
                type: "TEXT",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "DeliveredLate",
                table: "Cases",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "IsMajorByRule",
                table: "Cases",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "OnTheSpotPlace",
                table: "Cases",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<TimeOnly>(
                name: "OnTheSpotTime",
                table: "Cases",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "PaymentDeferralAppliedOn",
                table: "Cases",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PaymentDeferralReason",
                table: "Cases",
                type: "TEXT",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PaymentDeferredBy",
                table: "Cases",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "PaymentDeferredOn",
                table: "Cases",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "MajorFineOrganisation",
                table: "CaseSettings");

            migrationBuilder.DropColumn(
                name: "MajorFinePerson",
                table: "CaseSettings");

            migrationBuilder.DropColumn(
                name: "MaxExtensions",
                table: "CaseSettings");

            migrationBuilder.DropColumn(
                name: "ClassLoweredBy",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "ClassLoweredOn",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "ClassLoweringReason",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "DeliveredLate",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "IsMajorByRule",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "OnTheSpotPlace",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "OnTheSpotTime",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "PaymentDeferralAppliedOn",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "PaymentDeferralReason",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "PaymentDeferredBy",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "PaymentDeferredOn",
                table: "Cases");
        }
    }
}
