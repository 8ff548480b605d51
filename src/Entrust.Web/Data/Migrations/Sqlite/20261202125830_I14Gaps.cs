using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Entrust.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class I14Gaps : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Gaps",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    DistrictId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    TownshipId = table.Column<Guid>(type: "TEXT", nullable: true),
                    DepartmentId = table.Column<Guid>(type: "TEXT", nullable: true),
                    MatterId = table.Column<Guid>(type: "TEXT", nullable: true),
                    OfficerId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AgreementId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Domain = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    Since = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Severity = table.Column<int>(type: "INTEGER", nullable: false),
                    Evidence = table.Column<string>(type: "TEXT", nullable: false),
                    Figures = table.Column<string>(type: "TEXT", nullable: false),
                    State = table.Column<int>(type: "INTEGER", nullable: false),
                    FoundOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    LastSeenOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    AcknowledgedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    AcknowledgedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    AcknowledgementNote = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    ResolvedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ClosedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ClosedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    CloseReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    ClearedSinceClosed = table.Column<bool>(type: "INTEGER", nullable: false),
                    TimesReopened = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Gaps", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Gaps_Districts_DistrictId",
                        column: x => x.DistrictId,
                        principalTable: "Districts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "GapScans",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    DistrictId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StartedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    FinishedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Trigger = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Found = table.Column<int>(type: "INTEGER", nullable: false),
                    Opened = table.Column<int>(type: "INTEGER", nullable: false),
                    Reopened = table.Column<int>(type: "INTEGER", nullable: false),
                    Resolved = table.Column<int>(type: "INTEGER", nullable: false),
                    Error = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GapScans", x => x.Id);
                    table.ForeignKey(
                        name: "FK_GapScans_Districts_DistrictId",
                        column: x => x.DistrictId,
                        principalTable: "Districts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "GapSettings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    DistrictId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DormantDays = table.Column<int>(type: "INTEGER", nullable: false),
                    DormantDaysByDomain = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GapSettings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_GapSettings_Districts_DistrictId",
                        column: x => x.DistrictId,
                        principalTable: "Districts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "GapEvents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    DistrictId = table.Column<Guid>(type: "TEXT", nullable: false),
                    GapId = table.Column<Guid>(type: "TEXT", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    State = table.Column<int>(type: "INTEGER", nullable: false),
                    By = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GapEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_GapEvents_Gaps_GapId",
                        column: x => x.GapId,
                        principalTable: "Gaps",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_GapEvents_GapId",
                table: "GapEvents",
                column: "GapId");

            migrationBuilder.CreateIndex(
                name: "IX_Gaps_DepartmentId_State",
                table: "Gaps",
                columns: new[] { "DepartmentId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_Gaps_DistrictId_Kind_Key",
                table: "Gaps",
                columns: new[] { "DistrictId", "Kind", "Key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Gaps_DistrictId_State",
                table: "Gaps",
                columns: new[] { "DistrictId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_Gaps_TownshipId_State",
                table: "Gaps",
                columns: new[] { "TownshipId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_GapScans_DistrictId_StartedAt",
                table: "GapScans",
                columns: new[] { "DistrictId", "StartedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_GapSettings_DistrictId",
                table: "GapSettings",
                column: "DistrictId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "GapEvents");

            migrationBuilder.DropTable(
                name: "GapScans");

            migrationBuilder.DropTable(
                name: "GapSettings");

            migrationBuilder.DropTable(
                name: "Gaps");
        }
    }
}
