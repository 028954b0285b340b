using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dibao.Verification.Host.Access;
using Dibao.Verification.Host.Batches;
using Dibao.Verification.Host.Problems;
using Microsoft.EntityFrameworkCore;

namespace Dibao.Verification.Host.Tests.EndToEnd;

/// <summary>
/// A township system that sends a batch again, because the connection dropped before the 202 came or a caseworker
/// clicked twice, gets the first batch back: its households are stored once and the agencies asked once.
/// </summary>
public sealed class SubmissionKeyTests
{
    private static readonly DateOnly AsOf = new(2026, 11, 15);

    [Fact]
    public async Task The_same_batch_sent_again_with_its_key_gets_the_first_batch_and_asks_nobody_again()
    {
        await using var hub = await RunningHub.StartAsync();
        var batch = HouseholdBatches.Json(hub.Sandbox.Population.Households(start: 700).Take(3), AsOf);

        using var first = await SubmitAsync(hub.Client, batch, "\"upload-7f3c\"");
        first.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        first.Headers.Contains(SubmissionKeys.ReplayedHeader).ShouldBeFalse();
        var questions = await hub.QueryDatabaseAsync(db => db.AgencyQueries.CountAsync());

        using var again = await SubmitAsync(hub.Client, batch, "upload-7f3c");

        again.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        again.Headers.Location.ShouldBe(first.Headers.Location);
        again.Headers.GetValues(SubmissionKeys.ReplayedHeader).ShouldBe(["true"]);
        (await again.Content.ReadFromJsonAsync<BatchAccepted>())!.BatchId.ShouldBe((await first.Content.ReadFromJsonAsync<BatchAccepted>())!.BatchId);
        (await hub.QueryDatabaseAsync(db => db.Batches.CountAsync())).ShouldBe(1);
        (await hub.QueryDatabaseAsync(db => db.AgencyQueries.CountAsync())).ShouldBe(questions);
        (await hub.WaitForCompletionAsync(first.Headers.Location!)).Households.Count.ShouldBe(3);
    }

    [Fact]
    public async Task Sent_four_times_at_the_same_moment_the_batch_is_stored_once_and_each_gets_it()
    {
        await using var hub = await RunningHub.StartAsync();
        await ShouldBeStoredOnceWhenSentAtOnceAsync(hub);
    }

    /// <summary>Four sends of one batch with one key at once: one is stored, the others find it, before or after their own try to store it.</summary>
    internal static async Task ShouldBeStoredOnceWhenSentAtOnceAsync(RunningHub hub)
    {
        var batch = HouseholdBatches.Json(hub.Sandbox.Population.Households(start: 720).Take(40), AsOf);

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => SubmitAsync(hub.Client, batch, "retry-of-one-upload")));

        responses.ShouldAllBe(r => r.StatusCode == HttpStatusCode.Accepted);
        responses.Select(r => r.Headers.Location).Distinct().Count().ShouldBe(1);
        responses.Count(r => r.Headers.Contains(SubmissionKeys.ReplayedHeader)).ShouldBe(3);
        (await hub.QueryDatabaseAsync(db => db.Batches.CountAsync())).ShouldBe(1);
        (await hub.QueryDatabaseAsync(db => db.Households.CountAsync())).ShouldBe(40);
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task A_key_used_for_other_households_is_refused_and_stores_nothing_but_another_township_may_use_it()
    {
        await using var hub = await RunningHub.StartAsync();
        using var first = await SubmitAsync(hub.Client, HouseholdBatches.Json(hub.Sandbox.Population.Households(start: 760).Take(2), AsOf), "k-1");
        first.StatusCode.ShouldBe(HttpStatusCode.Accepted);

        using var other = await SubmitAsync(hub.Client, HouseholdBatches.Json(hub.Sandbox.Population.Households(start: 770).Take(2), AsOf), "k-1");

        other.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await other.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString().ShouldBe(ProblemCodes.SubmissionKeyReused);
        (await hub.QueryDatabaseAsync(db => db.Batches.CountAsync())).ShouldBe(1);

        var neighbour = hub.ClientAs(HubRoles.TownshipCaseworker, "220105002", "neighbour");
        using var elsewhere = await SubmitAsync(
            neighbour, HouseholdBatches.Json(hub.Sandbox.Population.Households(start: 770).Take(2), AsOf, township: "220105002"), "k-1");
        elsewhere.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        elsewhere.Headers.Location.ShouldNotBe(first.Headers.Location);
        (await hub.QueryDatabaseAsync(db => db.Batches.CountAsync())).ShouldBe(2);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\"\"")]
    [InlineData("with space")]
    [InlineData("a\"b")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public async Task A_malformed_key_is_refused_naming_the_header(string key)
    {
        await using var hub = await RunningHub.StartAsync();

        using var response = await SubmitAsync(hub.Client, HouseholdBatches.Json(hub.Sandbox.Population.Households(start: 780).Take(1), AsOf), key);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()).ShouldBe([SubmissionKeys.Header]);
        (await hub.QueryDatabaseAsync(db => db.Batches.CountAsync())).ShouldBe(0);
    }

    private static Task<HttpResponseMessage> SubmitAsync(HttpClient client, object batch, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/batches") { Content = JsonContent.Create(batch) };
        request.Headers.TryAddWithoutValidation(SubmissionKeys.Header, key);
        return client.SendAsync(request);
    }
}
