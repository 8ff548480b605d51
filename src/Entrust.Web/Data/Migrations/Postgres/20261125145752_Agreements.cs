using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Entrust.Web.Data.Migrations.Postgres
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DistrictId = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    PreviousVersionId = table.Column<Guid>(type: "uuid", nullable: true),
                    DepartmentId = table.Column<Guid>(type: "uuid", nullable: false),
                    TownshipId = table.Column<Guid>(type: "uuid", nullable: false),
                    Mode = table.Column<int>(type: "integer", nullable: false),
                    GrantDecisionNumber = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    TermStart = table.Column<DateOnly>(type: "date", nullable: false),
                    TermEnd = table.Column<DateOnly>(type: "date", nullable: false),
                    RightsAndObligations = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    FundingAmount = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: true),
                    FundingNote = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    HasPublicAffairsFunctions = table.Column<bool>(type: "boolean", nullable: false),
                    HasQualifiedStaff = table.Column<bool>(type: "boolean", nullable: false),
                    HasTechnicalMeans = table.Column<bool>(type: "boolean", nullable: false),
                    State = table.Column<int>(type: "integer", nullable: false),
                    SubmittedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ReviewedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ReviewedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    SignedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    DepartmentSignatory = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    TownshipSignatory = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    PublishedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    PublicationPlace = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    TerminatedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    TerminationReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DistrictId = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    IssuedOn = table.Column<DateOnly>(type: "date", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Decrees", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Dockings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DistrictId = table.Column<Guid>(type: "uuid", nullable: false),
                    TownshipId = table.Column<Guid>(type: "uuid", nullable: false),
                    DepartmentId = table.Column<Guid>(type: "uuid", nullable: false),
                    InternalOfficeId = table.Column<Guid>(type: "uuid", nullable: false)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DistrictId = table.Column<Guid>(type: "uuid", nullable: false),
                    Change = table.Column<int>(type: "integer", nullable: false),
                    MatterId = table.Column<Guid>(type: "uuid", nullable: true),
                    TownshipId = table.Column<Guid>(type: "uuid", nullable: true),
                    DocumentNumber = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    DecidedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    DecidedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScopeDecisions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ScopeRequests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DistrictId = table.Column<Guid>(type: "uuid", nullable: false),
                    TownshipId = table.Column<Guid>(type: "uuid", nullable: false),
                    MatterId = table.Column<Guid>(type: "uuid", nullable: true),
                    RequestedPower = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    RequestedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    State = table.Column<int>(type: "integer", nullable: false),
                    DecidedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    DecisionReason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    ScopeDecisionId = table.Column<Guid>(type: "uuid", nullable: true)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DistrictId = table.Column<Guid>(type: "uuid", nullable: false),
                    AgreementId = table.Column<Guid>(type: "uuid", nullable: false),
                    MatterId = table.Column<Guid>(type: "uuid", nullable: false),
                    Authority = table.Column<int>(type: "integer", nullable: false),
                    FineCap = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: true),
                    LawName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    LawArticle = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
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
