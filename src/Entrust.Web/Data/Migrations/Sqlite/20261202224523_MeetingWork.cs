using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Entrust.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class MeetingWork : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "AgreementId",
                table: "ActionItems",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "ScopeRequestId",
                table: "ActionItems",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_ActionItems_AgreementId",
                table: "ActionItems",
                column: "AgreementId");

            migrationBuilder.CreateIndex(
                name: "IX_ActionItems_ScopeRequestId",
                table: "ActionItems",
                column: "ScopeRequestId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ActionItems_AgreementId",
                table: "ActionItems");

            migrationBuilder.DropIndex(
                name: "IX_ActionItems_ScopeRequestId",
                table: "ActionItems");

            migrationBuilder.DropColumn(
                name: "AgreementId",
                table: "ActionItems");

            migrationBuilder.DropColumn(
                name: "ScopeRequestId",
                table: "ActionItems");
        }
    }
}
