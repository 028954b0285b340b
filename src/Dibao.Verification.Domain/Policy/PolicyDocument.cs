using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dibao.Verification.Domain.Policy;

/// <summary>
/// A policy as data: defaults plus parameters per administrative division code. A longer code
/// (township 9, county 6, city 4 digits) overrides a shorter one.
/// </summary>
public sealed record PolicyDocument
{
    /// <summary>
    /// A key the hub does not know, or one written twice, is refused rather than skipped: a misspelt
    /// <c>monthlyStandart</c> would otherwise leave a county on its city's standard without a word.
    /// </summary>
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        AllowDuplicateProperties = false,
    };

    public required string Name { get; init; }
    public string? Version { get; init; }
    public JurisdictionParameters Defaults { get; init; } = new();
    public IReadOnlyDictionary<string, JurisdictionParameters> Jurisdictions { get; init; } = new Dictionary<string, JurisdictionParameters>();

    public static PolicyDocument Parse(string json)
    {
        PolicyDocument? document;
        try
        {
            document = JsonSerializer.Deserialize<PolicyDocument>(json, JsonOptions);
        }
        catch (JsonException ex)
        {
            // The reader's own words name the key and where it is (unknown, twice, of the wrong type).
            throw new InvalidDataException($"The policy file is invalid: {ex.Message}", ex);
        }

        document = document ?? throw new InvalidDataException("The policy file is empty.");
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

        // Every city with a standard resolves all of them (Validate), and its counties and townships can only override.
        return new PolicyParameters(
            standard,
            merged.IncomeLookbackMonths!.Value,
            merged.DepositMonthsOfStandard!.Value,
            merged.BusinessCapitalLimitWan!.Value,
            merged.HousingFundRecentMonths!.Value,
            merged.CountResidentPension!.Value)
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
            if (code.Length == 4 && parameters.MonthlyStandard is not null)
            {
                Resolved(code, parameters.Over(Defaults));
            }
        }

        if (problems.Count > 0)
        {
            throw new InvalidDataException("The policy file is invalid: " + string.Join("; ", problems));
        }

        // The reference policy's parameters come from the file, never from code: each must be set for every city that
        // sets a standard, in the defaults or on the city. Its counties and townships inherit them.
        void Resolved(string city, JurisdictionParameters p)
        {
            var missing = new (string Key, bool Set)[]
            {
                ("incomeLookbackMonths", p.IncomeLookbackMonths is not null),
                ("depositMonthsOfStandard", p.DepositMonthsOfStandard is not null),
                ("businessCapitalLimitWan", p.BusinessCapitalLimitWan is not null),
                ("housingFundRecentMonths", p.HousingFundRecentMonths is not null),
                ("countResidentPension", p.CountResidentPension is not null),
            }.Where(parameter => !parameter.Set).Select(parameter => parameter.Key).ToList();
            if (missing.Count > 0)
            {
                problems.Add($"city '{city}': {string.Join(", ", missing)} set neither in defaults nor for the city");
            }
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
