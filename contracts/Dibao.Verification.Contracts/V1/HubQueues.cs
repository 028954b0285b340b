namespace Dibao.Verification.Contracts.V1;

/// <summary>Where adapters send their answers: to the hub's own queue, never published to every subscriber.</summary>
public static class HubQueues
{
    /// <summary>Takes <see cref="AgencyFindingsReported"/> and <see cref="AgencyQueryRefused"/>.</summary>
    public const string AgencyAnswers = "hub-agency-findings";
}
