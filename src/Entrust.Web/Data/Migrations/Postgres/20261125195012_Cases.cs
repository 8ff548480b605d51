using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Entrust.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Cases : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Cases",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DistrictId = table.Column<Guid>(type: "uuid", nullable: false),
                    TownshipId = table.Column<Guid>(type: "uuid", nullable: false),
                    MatterId = table.Column<Guid>(type: "uuid", nullable: false),
                    DepartmentId = table.Column<Guid>(type: "uuid", nullable: false),
                    InspectionId = table.Column<Guid>(type: "uuid", nullable: true),
                    LeadDepartmentId = table.Column<Guid>(type: "uuid", nullable: true),
                    Number = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Procedure = table.Column<int>(type: "integer", nullable: false),
                    State = table.Column<int>(type: "integer", nullable: false),
                    AgreementId = table.Column<Guid>(type: "uuid", nullable: false),
                    Mode = table.Column<int>(type: "integer", nullable: false),
                    ActingUnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    ActingInNameOf = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    PartyKind = table.Column<int>(type: "integer", nullable: false),
                    PartyName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    PartyIdentifier = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Facts = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    ActOn = table.Column<DateOnly>(type: "date", nullable: false),
                    ActEndedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    HarmsLifeHealthOrFinance = table.Column<bool>(type: "boolean", nullable: false),
                    FoundOn = table.Column<DateOnly>(type: "date", nullable: false),
                    LimitationLastDay = table.Column<DateOnly>(type: "date", nullable: false),
                    FiledOn = table.Column<DateOnly>(type: "date", nullable: false),
                    DecisionDueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    IsMajor = table.Column<bool>(type: "boolean", nullable: false),
                    IsComplex = table.Column<bool>(type: "boolean", nullable: false),
                    InvestigationStartedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    NotifiedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    NoticeText = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    RepresentationsUntil = table.Column<DateOnly>(type: "date", nullable: true),
                    HearingOffered = table.Column<bool>(type: "boolean", nullable: false),
                    HearingRequestUntil = table.Column<DateOnly>(type: "date", nullable: true),
                    RepresentationsOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Representations = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    RightsWaivedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    HearingRequestedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    HearingNoticeOn = table.Column<DateOnly>(type: "date", nullable: true),
                    HearingHeldOn = table.Column<DateOnly>(type: "date", nullable: true),
                    HearingChairId = table.Column<Guid>(type: "uuid", nullable: true),
                    HearingChairName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    HearingRecord = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    LegalReviewOn = table.Column<DateOnly>(type: "date", nullable: true),
                    LegalReviewerId = table.Column<Guid>(type: "uuid", nullable: true),
                    LegalReviewerName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    LegalReviewOpinion = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    DiscussedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    DiscussionConclusion = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    DecidedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    DecisionNumber = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    MustPublish = table.Column<bool>(type: "boolean", nullable: false),
                    PublicationDueOn = table.Column<DateOnly>(type: "date", nullable: true),
                    PublishedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    DeliveredOn = table.Column<DateOnly>(type: "date", nullable: true),
                    DeliveryMethod = table.Column<int>(type: "integer", nullable: true),
                    ElectronicConsentOn = table.Column<DateOnly>(type: "date", nullable: true),
                    PaymentDueOn = table.Column<DateOnly>(type: "date", nullable: true),
                    PaidOn = table.Column<DateOnly>(type: "date", nullable: true),
                    AmountPaid = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: true),
                    LatePenaltyCharged = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: true),
                    ExecutedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ReportedForFilingOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ClosedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    TransferredOn = table.Column<DateOnly>(type: "date", nullable: true),
                    TransferredTo = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    TransferReason = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    IsErroneousCandidate = table.Column<bool>(type: "boolean", nullable: false),
                    WithdrawFromPublicBy = table.Column<DateOnly>(type: "date", nullable: true),
                    WithdrawnFromPublicOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    DecidedPenalty_Confiscation = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: true),
                    DecidedPenalty_Fine = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: true),
                    DecidedPenalty_Measure = table.Column<int>(type: "integer", nullable: true),
                    DecidedPenalty_Warning = table.Column<bool>(type: "boolean", nullable: true),
                    NotifiedPenalty_Confiscation = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: true),
                    NotifiedPenalty_Fine = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: true),
                    NotifiedPenalty_Measure = table.Column<int>(type: "integer", nullable: true),
                    NotifiedPenalty_Warning = table.Column<bool>(type: "boolean", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Cases", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Cases_Agreements_AgreementId",
                        column: x => x.AgreementId,
                        principalTable: "Agreements",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Cases_Departments_DepartmentId",
                        column: x => x.DepartmentId,
                        principalTable: "Departments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Cases_Departments_LeadDepartmentId",
                        column: x => x.LeadDepartmentId,
                        principalTable: "Departments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Cases_Districts_DistrictId",
                        column: x => x.DistrictId,
                        principalTable: "Districts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Cases_Inspections_InspectionId",
                        column: x => x.InspectionId,
                        principalTable: "Inspections",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Cases_Matters_MatterId",
                        column: x => x.MatterId,
                        principalTable: "Matters",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Cases_Townships_TownshipId",
                        column: x => x.TownshipId,
                        principalTable: "Townships",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CaseSettings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DistrictId = table.Column<Guid>(type: "uuid", nullable: false),
                    HearingFinePerson = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    HearingFineOrganisation = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    DecisionDays = table.Column<int>(type: "integer", nullable: false),
                    MaxExtensionDays = table.Column<int>(type: "integer", nullable: false),
                    RepresentationWorkingDays = table.Column<int>(type: "integer", nullable: false),
                    PublicationWorkingDays = table.Column<int>(type: "integer", nullable: false),
                    LegalReviewerIds = table.Column<List<Guid>>(type: "uuid[]", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseSettings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CaseSettings_Districts_DistrictId",
                        column: x => x.DistrictId,
                        principalTable: "Districts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CaseEvidence",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DistrictId = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    CollectedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Kind = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    OfficerIds = table.Column<List<Guid>>(type: "uuid[]", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseEvidence", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CaseEvidence_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CaseExtensions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DistrictId = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    ApprovedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Days = table.Column<int>(type: "integer", nullable: false),
                    ApprovedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Reason = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    PreviousDueOn = table.Column<DateOnly>(type: "date", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseExtensions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CaseExtensions_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CaseOfficers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DistrictId = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    OfficerId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Step = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseOfficers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CaseOfficers_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CaseOfficers_Officers_OfficerId",
                        column: x => x.OfficerId,
                        principalTable: "Officers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CaseRemedies",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DistrictId = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    FiledOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Body = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Outcome = table.Column<int>(type: "integer", nullable: false),
                    DecidedOn = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseRemedies", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CaseRemedies_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CaseEvidenceFiles",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DistrictId = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    EvidenceId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ContentType = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Size = table.Column<long>(type: "bigint", nullable: false),
                    Sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Content = table.Column<byte[]>(type: "bytea", nullable: false),
                    UploadedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UploadedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseEvidenceFiles", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CaseEvidenceFiles_CaseEvidence_EvidenceId",
                        column: x => x.EvidenceId,
                        principalTable: "CaseEvidence",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CaseEvidenceFiles_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CaseEvidence_CaseId",
                table: "CaseEvidence",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_CaseEvidenceFiles_CaseId_EvidenceId",
                table: "CaseEvidenceFiles",
                columns: new[] { "CaseId", "EvidenceId" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseEvidenceFiles_EvidenceId",
                table: "CaseEvidenceFiles",
                column: "EvidenceId");

            migrationBuilder.CreateIndex(
                name: "IX_CaseExtensions_CaseId",
                table: "CaseExtensions",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_CaseOfficers_CaseId_OfficerId_Step",
                table: "CaseOfficers",
                columns: new[] { "CaseId", "OfficerId", "Step" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CaseOfficers_OfficerId",
                table: "CaseOfficers",
                column: "OfficerId");

            migrationBuilder.CreateIndex(
                name: "IX_CaseRemedies_CaseId",
                table: "CaseRemedies",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_CaseRemedies_DistrictId_Outcome",
                table: "CaseRemedies",
                columns: new[] { "DistrictId", "Outcome" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_ActingUnitId_Number",
                table: "Cases",
                columns: new[] { "ActingUnitId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Cases_AgreementId",
                table: "Cases",
                column: "AgreementId");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_DepartmentId",
                table: "Cases",
                column: "DepartmentId");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_DistrictId_DepartmentId_State_DecisionDueOn",
                table: "Cases",
                columns: new[] { "DistrictId", "DepartmentId", "State", "DecisionDueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_DistrictId_LeadDepartmentId_State_DecisionDueOn",
                table: "Cases",
                columns: new[] { "DistrictId", "LeadDepartmentId", "State", "DecisionDueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_DistrictId_MustPublish_PublishedOn",
                table: "Cases",
                columns: new[] { "DistrictId", "MustPublish", "PublishedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_DistrictId_State_DecisionDueOn",
                table: "Cases",
                columns: new[] { "DistrictId", "State", "DecisionDueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_DistrictId_TownshipId_State_DecisionDueOn",
                table: "Cases",
                columns: new[] { "DistrictId", "TownshipId", "State", "DecisionDueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_InspectionId",
                table: "Cases",
                column: "InspectionId");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_LeadDepartmentId",
                table: "Cases",
                column: "LeadDepartmentId");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_MatterId",
                table: "Cases",
                column: "MatterId");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_TownshipId",
                table: "Cases",
                column: "TownshipId");

            migrationBuilder.CreateIndex(
                name: "IX_CaseSettings_DistrictId",
                table: "CaseSettings",
                column: "DistrictId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CaseEvidenceFiles");

            migrationBuilder.DropTable(
                name: "CaseExtensions");

            migrationBuilder.DropTable(
                name: "CaseOfficers");

            migrationBuilder.DropTable(
                name: "CaseRemedies");

            migrationBuilder.DropTable(
                name: "CaseSettings");

            migrationBuilder.DropTable(
                name: "CaseEvidence");

            migrationBuilder.DropTable(
                name: "Cases");
        }
    }
}
