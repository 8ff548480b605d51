using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Entrust.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class I17FileReviewAccountability : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Accountabilities",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    DistrictId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OfficerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OfficerName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    TownshipId = table.Column<Guid>(type: "TEXT", nullable: true),
                    DepartmentId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Facts = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Fault = table.Column<int>(type: "INTEGER", nullable: false),
                    OpenedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    OpenedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    State = table.Column<int>(type: "INTEGER", nullable: false),
                    StatementOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Statement = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Measure = table.Column<int>(type: "INTEGER", nullable: true),
                    DecisionNumber = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    DecisionReasons = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    DecidedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    DecidedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    NotifiedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    AppealedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    AppealText = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    AppealUpheld = table.Column<bool>(type: "INTEGER", nullable: true),
                    AppealReply = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    AppealDecidedOn = table.Column<DateOnly>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Accountabilities", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Accountabilities_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Accountabilities_Districts_DistrictId",
                        column: x => x.DistrictId,
                        principalTable: "Districts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Accountabilities_Officers_OfficerId",
                        column: x => x.OfficerId,
                        principalTable: "Officers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "FileReviews",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    DistrictId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TownshipId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Domain = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Seed = table.Column<long>(type: "INTEGER", nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: false),
                    DrawDay = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Inputs = table.Column<string>(type: "TEXT", nullable: false),
                    Hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    DrawnAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    DrawnBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FileReviews", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FileReviews_Districts_DistrictId",
                        column: x => x.DistrictId,
                        principalTable: "Districts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_FileReviews_Townships_TownshipId",
                        column: x => x.TownshipId,
                        principalTable: "Townships",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ReviewedFiles",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    DistrictId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FileReviewId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TownshipId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DepartmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Order = table.Column<int>(type: "INTEGER", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseNumber = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    DrawnReviewer1Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    DrawnReviewer2Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Reviewer1Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Reviewer2Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    BodyAndStanding = table.Column<int>(type: "INTEGER", nullable: true),
                    Procedure = table.Column<int>(type: "INTEGER", nullable: true),
                    Evidence = table.Column<int>(type: "INTEGER", nullable: true),
                    Law = table.Column<int>(type: "INTEGER", nullable: true),
                    Documents = table.Column<int>(type: "INTEGER", nullable: true),
                    Filing = table.Column<int>(type: "INTEGER", nullable: true),
                    Total = table.Column<int>(type: "INTEGER", nullable: true),
                    Grade = table.Column<int>(type: "INTEGER", nullable: true),
                    Findings = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    ReviewedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ReviewedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReviewedFiles", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReviewedFiles_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ReviewedFiles_FileReviews_FileReviewId",
                        column: x => x.FileReviewId,
                        principalTable: "FileReviews",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ReviewedFiles_Officers_Reviewer1Id",
                        column: x => x.Reviewer1Id,
                        principalTable: "Officers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ReviewedFiles_Officers_Reviewer2Id",
                        column: x => x.Reviewer2Id,
                        principalTable: "Officers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Accountabilities_CaseId",
                table: "Accountabilities",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_Accountabilities_DistrictId_OpenedOn",
                table: "Accountabilities",
                columns: new[] { "DistrictId", "OpenedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Accountabilities_OfficerId",
                table: "Accountabilities",
                column: "OfficerId");

            migrationBuilder.CreateIndex(
                name: "IX_FileReviews_DistrictId_TownshipId_Year_Domain",
                table: "FileReviews",
                columns: new[] { "DistrictId", "TownshipId", "Year", "Domain" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_FileReviews_TownshipId",
                table: "FileReviews",
                column: "TownshipId");

            migrationBuilder.CreateIndex(
                name: "IX_ReviewedFiles_CaseId",
                table: "ReviewedFiles",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_ReviewedFiles_DistrictId_Year_Grade",
                table: "ReviewedFiles",
                columns: new[] { "DistrictId", "Year", "Grade" });

            migrationBuilder.CreateIndex(
                name: "IX_ReviewedFiles_FileReviewId",
                table: "ReviewedFiles",
                column: "FileReviewId");

            migrationBuilder.CreateIndex(
                name: "IX_ReviewedFiles_Reviewer1Id",
                table: "ReviewedFiles",
                column: "Reviewer1Id");

            migrationBuilder.CreateIndex(
                name: "IX_ReviewedFiles_Reviewer2Id",
                table: "ReviewedFiles",
                column: "Reviewer2Id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Accountabilities");

            migrationBuilder.DropTable(
                name: "ReviewedFiles");

            migrationBuilder.DropTable(
                name: "FileReviews");
        }
    }
}
