using System.Text.Json;

namespace Dibao.Verification.Domain.Policy;

/// <summary>
/// A policy as data: defaults plus parameters per administrative division code. A longer code
/// (township 9, county 6, city 4 digits) overrides a shorter one.
/// </summary>
public sealed record PolicyDocument
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public required string Name { get; init; }
    public string? Version { get; init; }
    public JurisdictionParameters Defaults { get; init; } = new();
    public IReadOnlyDictionary<string, JurisdictionParameters> Jurisdictions { get; init; } = new Dictionary<string, JurisdictionParameters>();

    public static PolicyDocument Parse(string json)
    {
        var document = JsonSerializer.Deserialize<PolicyDocument>(json, JsonOptions)
            ?? throw new InvalidDataException("The policy file is empty.");
        document.Validate();
        return document;
    }

    /// <summary>
    /// The parameters for a township, or null when its city sets no <c>monthlyStandard</c> (the file's check lets only a
    /// city set one, and its counties and townships override it).
    /// </summary>
    public PolicyParameters? Resolve(string townshipCode)
    {
        var merged = Defaults;
        foreach (var length in new[] { 4, 6, 9 })
        {
            if (townshipCode.Length >= length && Jurisdictions.TryGetValue(townshipCode[..length], out var level))
            {
                merged = level.Over(merged);
            }
        }

        if (merged.MonthlyStandard is not { } standard)
        {
            return null;
        }

        return new PolicyParameters(
            standard,
            merged.IncomeLookbackMonths ?? 12,
            merged.DepositMonthsOfStandard ?? 24,
            merged.BusinessCapitalLimitWan ?? 10m,
            merged.HousingFundRecentMonths ?? 3,
            merged.CountResidentPension ?? false)
        {
            DeclarationTolerance = merged.DeclarationTolerance ?? PolicyParameters.DefaultDeclarationTolerance,
        };
    }

    private void Validate()
    {
        var problems = new List<string>();
        Check("defaults", Defaults);
        // The standard is the city's to set: one in the defaults, or a county's in a city without one, would measure a
        // township's households against a figure its city never set, where the policy says to refuse the batch.
        if (Defaults.MonthlyStandard is not null)
        {
            problems.Add("defaults: monthlyStandard is set per city (a 4-digit code), not in defaults");
        }

        foreach (var (code, parameters) in Jurisdictions)
        {
            if (code.Length is not (4 or 6 or 9) || !code.All(char.IsAsciiDigit))
            {
                problems.Add($"jurisdiction '{code}': the code must be 4, 6 or 9 digits");
            }
            else if (code.Length > 4 && parameters.MonthlyStandard is not null
                && !(Jurisdictions.TryGetValue(code[..4], out var city) && city.MonthlyStandard is not null))
            {
                problems.Add($"jurisdiction '{code}': overrides monthlyStandard, but its city {code[..4]} sets none");
            }

            Check(code, parameters);
        }

        if (problems.Count > 0)
        {
            throw new InvalidDataException("The policy file is invalid: " + string.Join("; ", problems));
        }

        void Check(string where, JurisdictionParameters p)
        {
            if (p.MonthlyStandard is <= 0)
            {
                problems.Add($"{where}: monthlyStandard must be positive");
            }

            if (p.IncomeLookbackMonths is < 1 or > 36)
            {
                problems.Add($"{where}: incomeLookbackMonths must be between 1 and 36");
            }

            if (p.DepositMonthsOfStandard is < 0 || p.HousingFundRecentMonths is < 0 || p.BusinessCapitalLimitWan is < 0)
            {
                problems.Add($"{where}: limits cannot be negative");
            }

            if (p.DeclarationTolerance is < 0 or > 10)
            {
                problems.Add($"{where}: declarationTolerance is a fraction (0.10 for 10 %) between 0 and 10");
            }
        }
    }
}
