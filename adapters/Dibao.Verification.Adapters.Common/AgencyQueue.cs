namespace Dibao.Verification.Adapters.Common;

public static class AgencyQueue
{
    /// <summary>The queue the hub sends an agency's <c>QueryAgency</c> messages to.</summary>
    public static string Name(string agency) => $"agency-{agency}";
}
