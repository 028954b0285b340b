using Dibao.Verification.Sandbox.Population;

namespace Dibao.Verification.Sandbox.Faults;

/// <summary>
/// Decides the fate of each request from a seeded sequence over the request's ordinal, so a test
/// run with the same seed and request order sees the same failures.
/// </summary>
internal sealed class FaultInjector(string agencyCode, long seed, AgencyFaults faults)
{
    private static readonly TransientFault[] Kinds = Enum.GetValues<TransientFault>();
    private long _requests;

    public AgencyFaults Settings => faults;

    public TransientFault? Next()
    {
        var ordinal = Interlocked.Increment(ref _requests);
        var rate = faults.TransientRate;
        if (rate <= 0)
        {
            return null;
        }

        var draw = new DeterministicRandom(StableHash.Of(seed, agencyCode, ordinal));
        return draw.Chance(rate) ? Kinds[draw.Next(Kinds.Length)] : null;
    }
}
