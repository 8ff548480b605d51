using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Entrust.Web.Features.Accounts;

internal sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> b)
    {
        b.Property(x => x.DisplayName).HasMaxLength(100);
        b.Property(x => x.Role).HasMaxLength(20);
        b.Property(x => x.Culture).HasMaxLength(10);
        b.HasIndex(x => x.DistrictId);
        b.HasIndex(x => x.OfficerId);
    }
}
