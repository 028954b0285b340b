using Dibao.Verification.Adapters.BusinessRegistry.Wire;
using Dibao.Verification.Adapters.Common;
using Dibao.Verification.Contracts.V1;

namespace Dibao.Verification.Adapters.BusinessRegistry;

internal static class BusinessRegistryTranslator
{
    private const string Agency = BusinessRegistryAdapter.Code;
    private const string DateFormat = "yyyy-MM-dd";

    public static PersonFinding ToFinding(string idNumber, IEnumerable<EntityWire> entities) =>
        PersonFindings.FromFacts(idNumber, new PersonFacts { Businesses = entities.Select(ToFact).ToList() });

    /// <summary>Registered capital stays in 万元: the contract and the policy's limit are in the same unit.</summary>
    private static BusinessFact ToFact(EntityWire entity) => new(
        entity.CreditCode,
        WireFormat.Descriptive(entity.Name),
        entity.Type switch
        {
            "individual-business" => BusinessType.IndividualBusiness,
            "company" => BusinessType.Company,
            "farmer-cooperative" => BusinessType.FarmerCooperative,
            _ => throw WireFormat.UnknownCode(Agency, "entity type", entity.Type),
        },
        entity.Role switch
        {
            "operator" => BusinessRole.Operator,
            "legal-representative" => BusinessRole.LegalRepresentative,
            "shareholder" => BusinessRole.Shareholder,
            _ => throw WireFormat.UnknownCode(Agency, "role", entity.Role),
        },
        WireFormat.NonNegative(entity.RegisteredCapitalWan, Agency, "registeredCapitalWan"),
        entity.Status switch
        {
            "active" => BusinessStatus.Active,
            "deregistered" => BusinessStatus.Deregistered,
            "revoked" => BusinessStatus.Revoked,
            _ => throw WireFormat.UnknownCode(Agency, "entity status", entity.Status),
        },
        entity.Established is null ? null : WireFormat.Date(entity.Established, DateFormat, Agency, "established"),
        entity.Deregistered is null ? null : WireFormat.Date(entity.Deregistered, DateFormat, Agency, "deregistered"));
}
