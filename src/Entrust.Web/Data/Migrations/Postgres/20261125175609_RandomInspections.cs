using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Entrust.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class RandomInspections : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "OfficerConflicts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DistrictId = table.Column<Guid>(type: "uuid", nullable: false),
                    OfficerId = table.Column<Guid>(type: "uuid", nullable: false),
                    TargetId = table.Column<Guid>(type: "uuid", nullable: false),
                    TownshipId = table.Column<Guid>(type: "uuid", nullable: false),
                    Reason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    RecordedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OfficerConflicts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OfficerConflicts_Officers_OfficerId",
                        column: x => x.OfficerId,
                        principalTable: "Officers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_OfficerConflicts_Targets_TargetId",
                        column: x => x.TargetId,
                        principalTable: "Targets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "RandomPlans",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DistrictId = table.Column<Guid>(type: "uuid", nullable: false),
                    DepartmentId = table.Column<Guid>(type: "uuid", nullable: true),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    MatterId = table.Column<Guid>(type: "uuid", nullable: false),
                    TownshipIds = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    TargetKinds = table.Column<int[]>(type: "integer[]", nullable: false),
                    MinRiskLevel = table.Column<int>(type: "integer", nullable: true),
                    Proportion = table.Column<decimal>(type: "numeric(5,4)", precision: 5, scale: 4, nullable: true),
                    Count = table.Column<int>(type: "integer", nullable: true),
                    ComplaintWeight = table.Column<double>(type: "double precision", nullable: false),
                    AbnormalWeight = table.Column<double>(type: "double precision", nullable: false),
                    InspectorIds = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    PublicationWorkingDays = table.Column<int>(type: "integer", nullable: false),
                    State = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RandomPlans", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RandomPlans_Departments_DepartmentId",
                        column: x => x.DepartmentId,
                        principalTable: "Departments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_RandomPlans_Districts_DistrictId",
                        column: x => x.DistrictId,
                        principalTable: "Districts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_RandomPlans_Matters_MatterId",
                        column: x => x.MatterId,
                        principalTable: "Matters",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "RandomAssignments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DistrictId = table.Column<Guid>(type: "uuid", nullable: false),
                    DepartmentId = table.Column<Guid>(type: "uuid", nullable: true),
                    PlanId = table.Column<Guid>(type: "uuid", nullable: false),
                    TownshipId = table.Column<Guid>(type: "uuid", nullable: false),
                    TargetId = table.Column<Guid>(type: "uuid", nullable: false),
                    Inspector1Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Inspector2Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Order = table.Column<int>(type: "integer", nullable: false),
                    InspectionId = table.Column<Guid>(type: "uuid", nullable: true),
                    InspectedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Result = table.Column<int>(type: "integer", nullable: true),
                    Summary = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    PublishedOn = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RandomAssignments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RandomAssignments_Officers_Inspector1Id",
                        column: x => x.Inspector1Id,
                        principalTable: "Officers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_RandomAssignments_Officers_Inspector2Id",
                        column: x => x.Inspector2Id,
                        principalTable: "Officers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_RandomAssignments_RandomPlans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "RandomPlans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_RandomAssignments_Targets_TargetId",
                        column: x => x.TargetId,
                        principalTable: "Targets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "RandomDraws",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DistrictId = table.Column<Guid>(type: "uuid", nullable: false),
                    DepartmentId = table.Column<Guid>(type: "uuid", nullable: true),
                    PlanId = table.Column<Guid>(type: "uuid", nullable: false),
                    Seed = table.Column<long>(type: "bigint", nullable: false),
                    Count = table.Column<int>(type: "integer", nullable: false),
                    DrawDay = table.Column<DateOnly>(type: "date", nullable: false),
                    Inputs = table.Column<string>(type: "text", nullable: false),
                    Hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    DrawnAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    DrawnBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RandomDraws", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RandomDraws_RandomPlans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "RandomPlans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_OfficerConflicts_DistrictId_OfficerId_TargetId",
                table: "OfficerConflicts",
                columns: new[] { "DistrictId", "OfficerId", "TargetId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OfficerConflicts_OfficerId",
                table: "OfficerConflicts",
                column: "OfficerId");

            migrationBuilder.CreateIndex(
                name: "IX_OfficerConflicts_TargetId",
                table: "OfficerConflicts",
                column: "TargetId");

            migrationBuilder.CreateIndex(
                name: "IX_RandomAssignments_DistrictId_PublishedOn",
                table: "RandomAssignments",
                columns: new[] { "DistrictId", "PublishedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_RandomAssignments_DistrictId_TownshipId",
                table: "RandomAssignments",
                columns: new[] { "DistrictId", "TownshipId" });

            migrationBuilder.CreateIndex(
                name: "IX_RandomAssignments_InspectionId",
                table: "RandomAssignments",
                column: "InspectionId");

            migrationBuilder.CreateIndex(
                name: "IX_RandomAssignments_Inspector1Id",
                table: "RandomAssignments",
                column: "Inspector1Id");

            migrationBuilder.CreateIndex(
                name: "IX_RandomAssignments_Inspector2Id",
                table: "RandomAssignments",
                column: "Inspector2Id");

            migrationBuilder.CreateIndex(
                name: "IX_RandomAssignments_PlanId_Order",
                table: "RandomAssignments",
                columns: new[] { "PlanId", "Order" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RandomAssignments_TargetId",
                table: "RandomAssignments",
                column: "TargetId");

            migrationBuilder.CreateIndex(
                name: "IX_RandomDraws_DistrictId",
                table: "RandomDraws",
                column: "DistrictId");

            migrationBuilder.CreateIndex(
                name: "IX_RandomDraws_PlanId",
                table: "RandomDraws",
                column: "PlanId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RandomPlans_DepartmentId",
                table: "RandomPlans",
                column: "DepartmentId");

            migrationBuilder.CreateIndex(
                name: "IX_RandomPlans_DistrictId_DepartmentId_CreatedAt",
                table: "RandomPlans",
                columns: new[] { "DistrictId", "DepartmentId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_RandomPlans_MatterId",
                table: "RandomPlans",
                column: "MatterId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "OfficerConflicts");

            migrationBuilder.DropTable(
                name: "RandomAssignments");

            migrationBuilder.DropTable(
                name: "RandomDraws");

            migrationBuilder.DropTable(
                name: "RandomPlans");
        }
    }
}
