using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Dibao.Verification.Host.PersonalData;

public static class PersonalDataDbContextOptions
{
    /// <summary>The context's personal data is encrypted and hashed with <paramref name="protector"/>; required at run time.</summary>
    public static TBuilder UsePersonalDataProtection<TBuilder>(this TBuilder options, PersonalDataProtector protector)
        where TBuilder : DbContextOptionsBuilder
    {
        ((IDbContextOptionsBuilderInfrastructure)options).AddOrUpdateExtension(new PersonalDataOptionsExtension(protector));
        options.ReplaceService<IModelCacheKeyFactory, PersonalDataModelCacheKeyFactory>();
        return options;
    }
}
