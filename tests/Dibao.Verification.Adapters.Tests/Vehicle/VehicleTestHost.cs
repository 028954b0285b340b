using Dibao.Verification.Adapters.Vehicle;
using Dibao.Verification.Contracts.V1;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Dibao.Verification.Adapters.Tests.Vehicle;

public abstract class VehicleTestHost() : AgencyTestHost(
    VehicleAdapter.Code,
    VehicleAdapter.ConfigurationSection,
    (bus, configuration) => bus.AddVehicleAdapter(configuration))
{
    protected const string SinglePath = "/vehicle/v1/query";
    protected const string BatchPath = "/vehicle/v1/batch-query";

    protected const string CarJson = """
        { "hphm": "吉A12345", "hpzl": "02", "cllx": "K33", "syxz": "A", "zt": "A", "ccdjrq": "2019-06-01", "clpp": "大众", "cjrzyc": "0" }
        """;

    protected const string MotorcycleJson = """
        { "hphm": "吉A8K2M7", "hpzl": "07", "cllx": "M21", "syxz": "A", "zt": "G", "ccdjrq": "2021-03-15", "clpp": "豪爵", "cjrzyc": "0" }
        """;

    protected const string MalformedJson = """{ "code": "E1001", "msg": "身份证明号码格式错误", "data": null }""";

    protected static string SuccessJson(params string[] vehicles) => $$"""{ "code": "0", "msg": "ok", "data": [ {{string.Join(", ", vehicles)}} ] }""";

    protected static string ErrorJson(string code) => $$"""{ "code": "{{code}}", "msg": "系统繁忙", "data": null }""";

    protected static string BatchJson(params string[] results) => $$"""{ "code": "0", "msg": "ok", "data": [ {{string.Join(", ", results)}} ] }""";

    protected static string ResultJson(string idNumber, params string[] vehicles) =>
        $$"""{ "sfzmhm": "{{idNumber}}", "vehicles": [ {{string.Join(", ", vehicles)}} ] }""";

    protected static IResponseBuilder Ok(string body) =>
        Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json; charset=utf-8").WithBody(body);

    protected static IRequestBuilder OneQuery(string idNumber) => Request.Create().WithPath(SinglePath).UsingGet().WithParam("sfzmhm", idNumber);

    protected static IRequestBuilder BatchQuery() => Request.Create().WithPath(BatchPath).UsingPost();

    protected Task<(IReadOnlyList<PersonFinding> Findings, int Attempts)> FindAsync(params string[] idNumbers) =>
        FindAsync<VehicleQuery>(idNumbers);
}
