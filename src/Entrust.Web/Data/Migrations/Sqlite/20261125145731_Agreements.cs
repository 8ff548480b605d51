using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Entrust.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Agreements : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Agreements",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    DistrictId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    PreviousVersionId = table.Column<Guid>(type: "TEXT", nullable: true),
                    DepartmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TownshipId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Mode = table.Column<int>(type: "INTEGER", nullable: false),
                    GrantDecisionNumber = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    TermStart = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    TermEnd = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    RightsAndObligations = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    FundingAmount = table.Column<decimal>(type: "TEXT", precision: 14, scale: 2, nullable: true),
                    FundingNote = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    HasPublicAffairsFunctions = table.Column<bool>(type: "INTEGER", nullable: false),
                    HasQualifiedStaff = table.Column<bool>(type: "INTEGER", nullable: false),
                    HasTechnicalMeans = table.Column<bool>(type: "INTEGER", nullable: false),
                    State = table.Column<int>(type: "INTEGER", nullable: false),
                    SubmittedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ReviewedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ReviewedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    SignedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    DepartmentSignatory = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    TownshipSignatory = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    PublishedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    PublicationPlace = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    TerminatedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    TerminationReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Agreements", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Agreements_Departments_DepartmentId",
                        column: x => x.DepartmentId,
                        principalTable: "Departments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Agreements_Districts_DistrictId",
                        column: x => x.DistrictId,
                        principalTable: "Districts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Agreements_Townships_TownshipId",
                        column: x => x.TownshipId,
                        principalTable: "Townships",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Decrees",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    DistrictId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    IssuedOn = table.Column<DateOnly>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Decrees", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Dockings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    DistrictId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TownshipId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DepartmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    InternalOfficeId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Dockings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Dockings_Departments_DepartmentId",
                        column: x => x.DepartmentId,
                        principalTable: "Departments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Dockings_InternalOffices_InternalOfficeId",
                        column: x => x.InternalOfficeId,
                        principalTable: "InternalOffices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ScopeDecisions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    DistrictId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Change = table.Column<int>(type: "INTEGER", nullable: false),
                    MatterId = table.Column<Guid>(type: "TEXT", nullable: true),
                    TownshipId = table.Column<Guid>(type: "TEXT", nullable: true),
                    DocumentNumber = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    DecidedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    DecidedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScopeDecisions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ScopeRequests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    DistrictId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TownshipId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MatterId = table.Column<Guid>(type: "TEXT", nullable: true),
                    RequestedPower = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    RequestedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    State = table.Column<int>(type: "INTEGER", nullable: false),
                    DecidedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    DecisionReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    ScopeDecisionId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScopeRequests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ScopeRequests_Townships_TownshipId",
                        column: x => x.TownshipId,
                        principalTable: "Townships",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "AgreementMatters",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    DistrictId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AgreementId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MatterId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Authority = table.Column<int>(type: "INTEGER", nullable: false),
                    FineCap = table.Column<decimal>(type: "TEXT", precision: 14, scale: 2, nullable: true),
                    LawName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    LawArticle = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AgreementMatters", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AgreementMatters_Agreements_AgreementId",
                        column: x => x.AgreementId,
                        principalTable: "Agreements",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AgreementMatters_Matters_MatterId",
                        column: x => x.MatterId,
                        principalTable: "Matters",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AgreementMatters_AgreementId_MatterId",
                table: "AgreementMatters",
                columns: new[] { "AgreementId", "MatterId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AgreementMatters_MatterId",
                table: "AgreementMatters",
                column: "MatterId");

            migrationBuilder.CreateIndex(
                name: "IX_Agreements_DepartmentId_State",
                table: "Agreements",
                columns: new[] { "DepartmentId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_Agreements_DistrictId_Number_Version",
                table: "Agreements",
                columns: new[] { "DistrictId", "Number", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Agreements_TownshipId_DepartmentId",
                table: "Agreements",
                columns: new[] { "TownshipId", "DepartmentId" });

            migrationBuilder.CreateIndex(
                name: "IX_Decrees_DistrictId",
                table: "Decrees",
                column: "DistrictId");

            migrationBuilder.CreateIndex(
                name: "IX_Dockings_DepartmentId",
                table: "Dockings",
                column: "DepartmentId");

            migrationBuilder.CreateIndex(
                name: "IX_Dockings_DistrictId",
                table: "Dockings",
                column: "DistrictId");

            migrationBuilder.CreateIndex(
                name: "IX_Dockings_InternalOfficeId",
                table: "Dockings",
                column: "InternalOfficeId");

            migrationBuilder.CreateIndex(
                name: "IX_Dockings_TownshipId_DepartmentId",
                table: "Dockings",
                columns: new[] { "TownshipId", "DepartmentId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ScopeDecisions_DistrictId",
                table: "ScopeDecisions",
                column: "DistrictId");

            migrationBuilder.CreateIndex(
                name: "IX_ScopeRequests_DistrictId_State",
                table: "ScopeRequests",
                columns: new[] { "DistrictId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_ScopeRequests_TownshipId",
                table: "ScopeRequests",
                column: "TownshipId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AgreementMatters");

            migrationBuilder.DropTable(
                name: "Decrees");

            migrationBuilder.DropTable(
                name: "Dockings");

            migrationBuilder.DropTable(
                name: "ScopeDecisions");

            migrationBuilder.DropTable(
                name: "ScopeRequests");

            migrationBuilder.DropTable(
                name: "Agreements");
        }
    }
}
