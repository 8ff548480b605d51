using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Entrust.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class I16MeetingWork : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "ActionItemId",
                table: "Notifications",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "MeetingId",
                table: "Notifications",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "AgreementId",
                table: "ActionItems",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "ScopeRequestId",
                table: "ActionItems",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_ActionItemId",
                table: "Notifications",
                column: "ActionItemId");

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_MeetingId",
                table: "Notifications",
                column: "MeetingId");

            migrationBuilder.CreateIndex(
                name: "IX_ActionItems_AgreementId",
                table: "ActionItems",
                column: "AgreementId");

            migrationBuilder.CreateIndex(
                name: "IX_ActionItems_ScopeRequestId",
                table: "ActionItems",
                column: "ScopeRequestId");

            migrationBuilder.AddForeignKey(
                name: "FK_Notifications_ActionItems_ActionItemId",
                table: "Notifications",
                column: "ActionItemId",
                principalTable: "ActionItems",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_Notifications_Meetings_MeetingId",
                table: "Notifications",
                column: "MeetingId",
                principalTable: "Meetings",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Notifications_ActionItems_ActionItemId",
                table: "Notifications");

            migrationBuilder.DropForeignKey(
                name: "FK_Notifications_Meetings_MeetingId",
                table: "Notifications");

            migrationBuilder.DropIndex(
                name: "IX_Notifications_ActionItemId",
                table: "Notifications");

            migrationBuilder.DropIndex(
                name: "IX_Notifications_MeetingId",
                table: "Notifications");

            migrationBuilder.DropIndex(
                name: "IX_ActionItems_AgreementId",
                table: "ActionItems");

            migrationBuilder.DropIndex(
                name: "IX_ActionItems_ScopeRequestId",
                table: "ActionItems");

            migrationBuilder.DropColumn(
                name: "ActionItemId",
                table: "Notifications");

            migrationBuilder.DropColumn(
                name: "MeetingId",
                table: "Notifications");

            migrationBuilder.DropColumn(
                name: "AgreementId",
                table: "ActionItems");

            migrationBuilder.DropColumn(
                name: "ScopeRequestId",
                table: "ActionItems");
        }
    }
}
