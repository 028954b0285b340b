using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Dibao.Verification.Host.PersonalData;

/// <summary>Carries the protector to the context's model (see <see cref="PersonalDataDbContextOptions.UsePersonalDataProtection"/>).</summary>
public sealed class PersonalDataOptionsExtension(PersonalDataProtector protector) : IDbContextOptionsExtension
{
    public PersonalDataProtector Protector { get; } = protector;

    public DbContextOptionsExtensionInfo Info => new ExtensionInfo(this);

    public void ApplyServices(IServiceCollection services)
    {
    }

    public void Validate(IDbContextOptions options)
    {
    }

    /// <summary>The key ring is told apart by the model cache key, not by EF's internal service provider, which all hubs of a process share.</summary>
    private sealed class ExtensionInfo(IDbContextOptionsExtension extension) : DbContextOptionsExtensionInfo(extension)
    {
        public override bool IsDatabaseProvider => false;

        public override string LogFragment => "PersonalDataProtection ";

        public override int GetServiceProviderHashCode() => 0;

        public override bool ShouldUseSameServiceProvider(DbContextOptionsExtensionInfo other) => other is ExtensionInfo;

        public override void PopulateDebugInfo(IDictionary<string, string> debugInfo) => debugInfo["PersonalDataProtection"] = "1";
    }
}
