using System.Net;
using Dibao.Verification.Adapters.Common;
using Refit;

namespace Dibao.Verification.Adapters.Tests;

/// <summary>What an answer left after the HTTP retries means: the hub's rule, status by status.</summary>
public sealed class AgencyResponsesTests
{
    public static TheoryData<int> Transient => [408, 429, 500, 501, 502, 503, 504, 505, 511, 599];

    public static TheoryData<int> Refusals => [400, 401, 403, 404, 405, 409, 410, 413, 415, 422, 451];

    [Theory]
    [MemberData(nameof(Transient))]
    public async Task Statuses_asking_again_may_change_are_transient(int status)
    {
        AgencyResiliencePipeline.IsTransient((HttpStatusCode)status).ShouldBeTrue();
        (await FailureAsync(status, body: null)).ShouldBeOfType<AgencyUnavailableException>();
    }

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Every_other_client_error_is_a_refusal_under_its_status(int status)
    {
        AgencyResiliencePipeline.IsTransient((HttpStatusCode)status).ShouldBeFalse();
        (await FailureAsync(status, body: null)).ShouldBeOfType<AgencyRejectedException>().Code.ShouldBe($"HTTP_{status}");
    }

    [Fact]
    public async Task A_refusal_is_reported_under_the_agencys_own_code_when_it_gives_one()
    {
        var error = await FailureAsync(400, """{"code":"INVALID_REQUEST"}""");

        error.ShouldBeOfType<AgencyRejectedException>().Code.ShouldBe("INVALID_REQUEST");
    }

    [Fact]
    public async Task A_refusal_code_is_read_past_a_byte_order_mark()
    {
        var error = await FailureAsync(400, "\uFEFF{\"code\":\"INVALID_REQUEST\"}");

        error.ShouldBeOfType<AgencyRejectedException>().Code.ShouldBe("INVALID_REQUEST");
        AgencyResponses.CodeOf([0xEF, 0xBB, 0xBF, .. "{\"code\":\"E2001\"}"u8]).ShouldBe("E2001");
    }

    private static async Task<Exception> FailureAsync(int status, string? body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://agency.example/api");
        using var message = new HttpResponseMessage((HttpStatusCode)status) { RequestMessage = request, Content = new StringContent(body ?? string.Empty) };
        var settings = AgencyJson.RefitSettings();
        var error = await ApiException.Create(request, HttpMethod.Get, message, settings);
        using var response = new ApiResponse<object>(message, null, settings, error);
        return AgencyResponses.Failure("agency", response, "the query");
    }
}
