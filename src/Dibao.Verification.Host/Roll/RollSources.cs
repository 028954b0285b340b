namespace Dibao.Verification.Host.Roll;

/// <summary>How a household came onto the roll.</summary>
public static class RollSources
{
    public const string Confirmation = "confirmation";
    public const string Import = "import";
}
