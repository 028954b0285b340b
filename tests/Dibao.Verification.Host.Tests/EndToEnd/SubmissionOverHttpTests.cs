using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dibao.Verification.Host.Batches;
using Microsoft.EntityFrameworkCore;

namespace Dibao.Verification.Host.Tests.EndToEnd;

/// <summary>What a township system sees at the door of the API: acceptance, refusal and limits.</summary>
public sealed class SubmissionOverHttpTests
{
    private static readonly DateOnly AsOf = new(2026, 11, 15);

    static SubmissionOverHttpTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    [Fact]
    public async Task A_refused_batch_names_every_bad_field_and_leaves_no_trace_anywhere()
    {
        await using var hub = await RunningHub.StartAsync();
        var good = hub.Sandbox.Population.Household(1);
        var batch = new
        {
            township = "220105001",
            purpose = "new-application",
            asOf = "2026-11-15",
            households = new object[]
            {
                new { @ref = good.HouseholdRef, consentRef = good.ConsentRef, members = good.Members.Select(m => new { idNumber = m.IdNumber, name = m.Name, relation = "self" }) },
                new { @ref = "H-BAD", consentRef = "", members = new[] { new { idNumber = "220105198003150012", name = "王建国", relation = "self" } } },
            },
        };

        var response = await hub.SubmitAsync(batch);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var paths = problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("path").GetString()).ToList();
        paths.ShouldContain("households[1].consentRef");
        paths.ShouldContain("households[1].members[0].idNumber");
        problem.GetRawText().ShouldNotContain("220105198003150012");

        await Task.Delay(500);
        (await hub.QueryDatabaseAsync(db => db.Batches.CountAsync())).ShouldBe(0);
        (await hub.QueryDatabaseAsync(db => db.Members.CountAsync())).ShouldBe(0);
        (await hub.QueryDatabaseAsync(db => db.Outbox.CountAsync())).ShouldBe(0);
        hub.Sandbox.RequestCount("social-security").ShouldBe(0);
        hub.Sandbox.RequestCount("housing-fund").ShouldBe(0);
    }

    [Fact]
    public async Task A_csv_saved_by_chinese_spreadsheet_software_is_verified_with_its_names_intact()
    {
        await using var hub = await RunningHub.StartAsync();
        var households = hub.Sandbox.Population.Households(start: 40).Take(5).ToList();
        var content = new ByteArrayContent(Encoding.GetEncoding("GB18030").GetBytes(HouseholdBatches.Csv(households)));
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");

        var response = await hub.Client.PostAsync("/api/v1/batches?township=220105001&purpose=new-application&asOf=2026-11-15", content);

        response.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var view = await hub.WaitForCompletionAsync(response.Headers.Location!);
        view.AsOf.ShouldBe(AsOf);
        view.Households.Select(h => h.Ref).ShouldBe(households.Select(h => h.HouseholdRef));
        var names = await hub.QueryDatabaseAsync(db => db.Members.AsNoTracking().Select(m => m.Name).ToListAsync());
        names.Order().ShouldBe(households.SelectMany(h => h.Members).Select(m => m.Name).Order());
    }

    [Fact]
    public async Task The_location_answers_with_the_batch_and_an_unknown_batch_is_not_found()
    {
        await using var hub = await RunningHub.StartAsync();

        var response = await hub.SubmitAsync(HouseholdBatches.Json([hub.Sandbox.Population.Household(7)], AsOf));
        var accepted = await response.Content.ReadFromJsonAsync<JsonElement>();

        response.Headers.Location!.ToString().ShouldBe($"/api/v1/batches/{accepted.GetProperty("batchId").GetGuid()}");
        (await hub.Client.GetAsync(response.Headers.Location)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await hub.Client.GetAsync($"/api/v1/batches/{Guid.NewGuid()}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        await hub.WaitForCompletionAsync(response.Headers.Location!);
        var progress = await hub.Client.GetFromJsonAsync<BatchProgress>($"{response.Headers.Location}/progress");
        progress.ShouldBe(new BatchProgress(1, 1));
        (await hub.Client.GetAsync($"/api/v1/batches/{Guid.NewGuid()}/progress")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_batch_is_read_a_page_at_a_time_in_the_order_submitted_with_the_whole_batch_s_progress()
    {
        await using var hub = await RunningHub.StartAsync();
        var households = hub.Sandbox.Population.Households(start: 1_200).Take(25).ToList();
        var location = (await hub.SubmitAsync(HouseholdBatches.Json(households, AsOf))).Headers.Location!;
        var whole = await hub.WaitForCompletionAsync(location);

        var second = await hub.Client.GetFromJsonAsync<BatchView>($"{location}?page=2&pageSize=10");
        var last = await hub.Client.GetFromJsonAsync<BatchView>($"{location}?page=3&pageSize=10");

        second!.Households.Select(h => h.Ref).ShouldBe(households.Skip(10).Take(10).Select(h => h.HouseholdRef));
        JsonSerializer.Serialize(second.Households).ShouldBe(JsonSerializer.Serialize(whole.Households.Skip(10).Take(10)), "a page shows its households exactly as the whole view does");
        (second.Page, second.PageSize, second.Progress, second.Status).ShouldBe((2, 10, new BatchProgress(25, 25), "completed"));
        last!.Households.Select(h => h.Ref).ShouldBe(households.Skip(20).Select(h => h.HouseholdRef));
        (await hub.Client.GetFromJsonAsync<BatchView>($"{location}?page=4&pageSize=10"))!.Households.ShouldBeEmpty();
        foreach (var bad in new[] { "page=0&pageSize=10", "page=1", "page=1&pageSize=5001" })
        {
            (await hub.Client.GetAsync($"{location}?{bad}")).StatusCode.ShouldBe(HttpStatusCode.BadRequest, bad);
        }
    }

    [Fact]
    public async Task A_body_over_the_limit_is_413_and_a_batch_over_the_household_limit_is_400()
    {
        await using var hub = await RunningHub.StartAsync("Batches:MaxBodyBytes=4000", "Batches:MaxHouseholds=3");
        var population = hub.Sandbox.Population;

        var tooLarge = await hub.SubmitAsync(HouseholdBatches.Json(population.Households().Take(40), AsOf));
        var tooMany = await hub.SubmitAsync(HouseholdBatches.Json(population.Households().Take(4), AsOf));

        tooLarge.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        (await tooLarge.Content.ReadAsStringAsync()).ShouldContain("Batches:MaxBodyBytes");
        tooMany.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await tooMany.Content.ReadAsStringAsync()).ShouldContain("households");
        (await hub.QueryDatabaseAsync(db => db.Batches.CountAsync())).ShouldBe(0);
    }

    [Fact]
    public async Task Neither_json_nor_csv_is_415()
    {
        await using var hub = await RunningHub.StartAsync();

        var response = await hub.Client.PostAsync("/api/v1/batches", new StringContent("<batch/>", Encoding.UTF8, "application/xml"));

        response.StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task The_hub_reports_ready_and_serves_its_openapi_document()
    {
        await using var hub = await RunningHub.StartAsync();

        var health = await hub.Client.GetAsync("/health");
        var openApi = await hub.Client.GetStringAsync("/openapi/v1.json");

        health.StatusCode.ShouldBe(HttpStatusCode.OK);
        openApi.ShouldContain("/api/v1/batches");
        openApi.ShouldContain("/api/v1/batches/{batchId}");

        // The submission's optional key is a header the endpoint reads itself, so it is described by hand.
        var submit = JsonDocument.Parse(openApi).RootElement.GetProperty("paths").GetProperty("/api/v1/batches").GetProperty("post");
        submit.GetProperty("parameters").EnumerateArray()
            .ShouldContain(p => p.GetProperty("name").GetString() == SubmissionKeys.Header && p.GetProperty("in").GetString() == "header");
    }
}
