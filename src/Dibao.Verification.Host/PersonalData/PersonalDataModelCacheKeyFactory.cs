using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Dibao.Verification.Host.PersonalData;

/// <summary>
/// The converters are part of the model, which EF builds once per context type: two hubs in one process under different
/// keys (the tests start many) would otherwise share the first one's converters. One model per key ring.
/// </summary>
public sealed class PersonalDataModelCacheKeyFactory : IModelCacheKeyFactory
{
    public object Create(DbContext context, bool designTime) =>
        (context.GetType(), designTime, context.GetService<IDbContextOptions>().FindExtension<PersonalDataOptionsExtension>()?.Protector.Fingerprint);
}
