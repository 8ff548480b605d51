using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Entrust.Web.Data.Migrations.Sqlite
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    DistrictId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TownshipId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MatterId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DepartmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    InspectionId = table.Column<Guid>(type: "TEXT", nullable: true),
                    LeadDepartmentId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Number = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Procedure = table.Column<int>(type: "INTEGER", nullable: false),
                    State = table.Column<int>(type: "INTEGER", nullable: false),
                    AgreementId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Mode = table.Column<int>(type: "INTEGER", nullable: false),
                    ActingUnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ActingInNameOf = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    PartyKind = table.Column<int>(type: "INTEGER", nullable: false),
                    PartyName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    PartyIdentifier = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Facts = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    ActOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ActEndedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    HarmsLifeHealthOrFinance = table.Column<bool>(type: "INTEGER", nullable: false),
                    FoundOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    LimitationLastDay = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    FiledOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    DecisionDueOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    IsMajor = table.Column<bool>(type: "INTEGER", nullable: false),
                    IsComplex = table.Column<bool>(type: "INTEGER", nullable: false),
                    InvestigationStartedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    NotifiedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    NoticeText = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    RepresentationsUntil = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    HearingOffered = table.Column<bool>(type: "INTEGER", nullable: false),
                    HearingRequestUntil = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    RepresentationsOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Representations = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    RightsWaivedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    HearingRequestedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    HearingNoticeOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    HearingHeldOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    HearingChairId = table.Column<Guid>(type: "TEXT", nullable: true),
                    HearingChairName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    HearingRecord = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    LegalReviewOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    LegalReviewerId = table.Column<Guid>(type: "TEXT", nullable: true),
                    LegalReviewerName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    LegalReviewOpinion = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    DiscussedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    DiscussionConclusion = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    DecidedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    DecisionNumber = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    MustPublish = table.Column<bool>(type: "INTEGER", nullable: false),
                    PublicationDueOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    PublishedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    DeliveredOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    DeliveryMethod = table.Column<int>(type: "INTEGER", nullable: true),
                    ElectronicConsentOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    PaymentDueOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    PaidOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    AmountPaid = table.Column<decimal>(type: "TEXT", precision: 14, scale: 2, nullable: true),
                    LatePenaltyCharged = table.Column<decimal>(type: "TEXT", precision: 14, scale: 2, nullable: true),
                    ExecutedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ReportedForFilingOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ClosedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    TransferredOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    TransferredTo = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    TransferReason = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    IsErroneousCandidate = table.Column<bool>(type: "INTEGER", nullable: false),
                    WithdrawFromPublicBy = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    WithdrawnFromPublicOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    DecidedPenalty_Confiscation = table.Column<decimal>(type: "TEXT", precision: 14, scale: 2, nullable: true),
                    DecidedPenalty_Fine = table.Column<decimal>(type: "TEXT", precision: 14, scale: 2, nullable: true),
                    DecidedPenalty_Measure = table.Column<int>(type: "INTEGER", nullable: true),
                    DecidedPenalty_Warning = table.Column<bool>(type: "INTEGER", nullable: true),
                    NotifiedPenalty_Confiscation = table.Column<decimal>(type: "TEXT", precision: 14, scale: 2, nullable: true),
                    NotifiedPenalty_Fine = table.Column<decimal>(type: "TEXT", precision: 14, scale: 2, nullable: true),
                    NotifiedPenalty_Measure = table.Column<int>(type: "INTEGER", nullable: true),
                    NotifiedPenalty_Warning = table.Column<bool>(type: "INTEGER", nullable: true)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    DistrictId = table.Column<Guid>(type: "TEXT", nullable: false),
                    HearingFinePerson = table.Column<decimal>(type: "TEXT", precision: 14, scale: 2, nullable: false),
                    HearingFineOrganisation = table.Column<decimal>(type: "TEXT", precision: 14, scale: 2, nullable: false),
                    DecisionDays = table.Column<int>(type: "INTEGER", nullable: false),
                    MaxExtensionDays = table.Column<int>(type: "INTEGER", nullable: false),
                    RepresentationWorkingDays = table.Column<int>(type: "INTEGER", nullable: false),
                    PublicationWorkingDays = table.Column<int>(type: "INTEGER", nullable: false),
                    LegalReviewerIds = table.Column<string>(type: "TEXT", nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    DistrictId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CollectedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    OfficerIds = table.Column<string>(type: "TEXT", nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    DistrictId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ApprovedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Days = table.Column<int>(type: "INTEGER", nullable: false),
                    ApprovedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    PreviousDueOn = table.Column<DateOnly>(type: "TEXT", nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    DistrictId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OfficerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Step = table.Column<int>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    DistrictId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    FiledOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Body = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Outcome = table.Column<int>(type: "INTEGER", nullable: false),
                    DecidedOn = table.Column<DateOnly>(type: "TEXT", nullable: true)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    DistrictId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EvidenceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Size = table.Column<long>(type: "INTEGER", nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Content = table.Column<byte[]>(type: "BLOB", nullable: false),
                    UploadedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    UploadedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
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
