namespace Dibao.Verification.Host.WebConsole;

/// <summary>One line of the correction form: a member as the township corrects them; a line left blank is no member.</summary>
public sealed class MemberInput
{
    public string? IdNumber { get; set; }

    public string? Name { get; set; }

    public string? Relation { get; set; }

    public bool IsBlank => string.IsNullOrWhiteSpace(IdNumber) && string.IsNullOrWhiteSpace(Name);
}
