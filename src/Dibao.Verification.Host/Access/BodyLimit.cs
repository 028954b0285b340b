namespace Dibao.Verification.Host.Access;

/// <summary>
/// Endpoint metadata: the largest request body the endpoint takes. Endpoints without it take <see cref="Default"/>;
/// <see cref="OwnLimit"/> marks one that enforces a configured limit itself (the batch submission).
/// </summary>
public sealed record BodyLimit(long? Bytes)
{
    /// <summary>Decisions and corrections: a reason and a household's members fit many times over.</summary>
    public static BodyLimit Default { get; } = new(64 * 1024);

    public static BodyLimit OwnLimit { get; } = new((long?)null);
}
