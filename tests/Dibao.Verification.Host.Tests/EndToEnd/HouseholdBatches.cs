using Dibao.Verification.Sandbox.Population;

namespace Dibao.Verification.Host.Tests.EndToEnd;

/// <summary>Batch requests built from the sandbox population, so every member is someone the agencies know.</summary>
public static class HouseholdBatches
{
    public static object Json(IEnumerable<SyntheticHousehold> households, DateOnly asOf, string township = "220105001") => new
    {
        township,
        purpose = "new-application",
        asOf = asOf.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        households = households.Select(h => new
        {
            @ref = h.HouseholdRef,
            consentRef = h.ConsentRef,
            members = h.Members.Select(m => new { idNumber = m.IdNumber, name = m.Name, relation = Relation(m.Relation) }),
        }),
    };

    public static string Csv(IEnumerable<SyntheticHousehold> households) =>
        "household_ref,consent_ref,id_number,name,relation\r\n" + string.Concat(households.SelectMany(h => h.Members.Select(m =>
            $"{h.HouseholdRef},{h.ConsentRef},{m.IdNumber},{m.Name},{Relation(m.Relation)}\r\n")));

    /// <summary>The batch columns plus <c>since</c>, as offices import their existing recipients onto the roll.</summary>
    public static string RollCsv(IEnumerable<SyntheticHousehold> households, Func<SyntheticHousehold, string> since) =>
        "household_ref,consent_ref,id_number,name,relation,since\r\n" + string.Concat(households.SelectMany(h => h.Members.Select(m =>
            $"{h.HouseholdRef},{h.ConsentRef},{m.IdNumber},{m.Name},{Relation(m.Relation)},{since(h)}\r\n")));

    private static string Relation(HouseholdRelation relation) => relation.ToString().ToLowerInvariant();
}
