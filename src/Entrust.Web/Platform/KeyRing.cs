using Entrust.Web.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Entrust.Web.Platform;

/// <summary>
/// The data-protection key ring (what cookies, bearer tokens and antiforgery tokens are protected with) lives in the database,
/// so that every node behind a balancer reads the same keys: a user signed in on one node is signed in on all, and a node that
/// starts later, or replaces a dead one, needs no shared folder. The table belongs to the platform's model (one migration set
/// per database); this small context of its own reads and writes it, so that no key passes through the audit interceptor (whose
/// trail the auditors read) or a user's data scope.
/// <para>At rest: with <c>DataProtection:CertificatePath</c> (a PKCS#12 file, password in <c>DataProtection:CertificatePassword</c>)
/// each new key is encrypted to that certificate before it is stored, and only a node holding the certificate can use the ring;
/// without it the keys are stored as ASP.NET Core writes them, unencrypted, and ASP.NET Core logs a warning as it stores one.</para>
/// </summary>
public sealed class KeyRingContext(DbContextOptions<KeyRingContext> options) : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        var keys = builder.Entity<DataProtectionKey>();
        new DataProtectionKeyConfiguration().Configure(keys);
        // Created by the platform's own migrations.
        keys.ToTable(DataProtectionKeyConfiguration.Table, t => t.ExcludeFromMigrations());
    }
}

/// <summary>The key table in the platform's model, so that its migrations create it.</summary>
internal sealed class DataProtectionKeyConfiguration : IEntityTypeConfiguration<DataProtectionKey>
{
    public const string Table = "DataProtectionKeys";

    public void Configure(EntityTypeBuilder<DataProtectionKey> builder)
    {
        builder.ToTable(Table);
        builder.HasKey(k => k.Id);
        builder.Property(k => k.FriendlyName).HasMaxLength(200);
    }
}

public static class KeyRing
{
    public static void AddKeyRing(this IServiceCollection services, IConfiguration config)
    {
        var keys = services.AddDataProtection()
            .PersistKeysToDbContext<KeyRingContext>()
            .SetApplicationName("Entrust");
        if (config["DataProtection:CertificatePath"] is { Length: > 0 } path)
        {
            var certificate = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12FromFile(
                path, config["DataProtection:CertificatePassword"]);
            keys.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
        }
    }

    /// <summary>The key ring's own context, on the platform's database.</summary>
    internal static void AddKeyRingContext(this IServiceCollection services, DatabaseProvider provider, string connectionString)
    {
        if (provider == DatabaseProvider.Postgres)
        {
            services.AddDbContext<KeyRingContext>(o => o.UseNpgsql(connectionString));
        }
        else
        {
            services.AddDbContext<KeyRingContext>(o => o.UseSqlite(connectionString).AddInterceptors(new SqlitePragmas()));
        }
    }
}
