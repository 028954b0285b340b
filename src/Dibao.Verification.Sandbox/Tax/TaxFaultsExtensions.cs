using System.Runtime.CompilerServices;
using Dibao.Verification.Sandbox.Faults;

namespace Dibao.Verification.Sandbox.Tax;

/// <summary>Attaches the tax bureau's own faults to a server's live fault settings, so they are switched where the generic ones are.</summary>
public static class TaxFaultsExtensions
{
    private static readonly ConditionalWeakTable<SandboxFaults, TaxFaults> Attached = [];

    public static TaxFaults Tax(this SandboxFaults faults) => Attached.GetValue(faults, _ => new TaxFaults());
}
