using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Entrust.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class I12OfficerRecusal : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CaseRecusals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DistrictId = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    OfficerId = table.Column<Guid>(type: "uuid", nullable: false),
                    OfficerName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    AppliedBy = table.Column<int>(type: "integer", nullable: false),
                    AppliedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    DecidedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    DecidedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Approved = table.Column<bool>(type: "boolean", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseRecusals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CaseRecusals_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CaseRecusals_Officers_OfficerId",
                        column: x => x.OfficerId,
                        principalTable: "Officers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CaseRecusals_CaseId",
                table: "CaseRecusals",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_CaseRecusals_OfficerId",
                table: "CaseRecusals",
                column: "OfficerId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CaseRecusals");
        }
    }
}
