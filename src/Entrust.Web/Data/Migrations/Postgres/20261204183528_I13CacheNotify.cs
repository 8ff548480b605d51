using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Entrust.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class I13CacheNotify : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.InsertData(
                table: "CacheVersions",
                columns: new[] { "Table", "Version" },
                values: new object[] { "OfficerConflict", 0L });

            // Each stamp of a version notifies every node at the commit (Platform/ReferenceListener.cs).
            migrationBuilder.Sql(Entrust.Web.Platform.ReferenceListener.Notify);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(Entrust.Web.Platform.ReferenceListener.Undo);

            migrationBuilder.DeleteData(
                table: "CacheVersions",
                keyColumn: "Table",
                keyValue: "OfficerConflict");
        }
    }
}
