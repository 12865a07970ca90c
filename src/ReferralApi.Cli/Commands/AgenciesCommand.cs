using System.CommandLine;
using ReferralApi.Cli.Http;
using ReferralApi.Cli.Output;

namespace ReferralApi.Cli.Commands;

/// <summary><c>referral agencies [--service safe_house] [--region 61.03] [--sector ...] [--query ...]</c>: the directory.</summary>
internal static class AgenciesCommand
{
    public static Command Create(CommonOptions common, CliContext context)
    {
        var service = new Option<string>("--service") { Description = "Only agencies offering this service code (e.g. safe_house)." };
        var region = new Option<string>("--region") { Description = "Only agencies of this region code (e.g. 61.03)." };
        var sector = new Option<string>("--sector") { Description = "Only agencies of this sector code." };
        var query = new Option<string>("--query", "-q") { Description = "Name or code contains this text." };
        var command = new Command("agencies", "List the agency directory (every page).") { service, region, sector, query };
        command.Options.Add(common.PageSize);
        command.SetAction((parse, ct) => Invocation.RunAsync(parse, context, common, run =>
        {
            var filter = QueryString.Empty
                .With("service", parse.GetValue(service))
                .With("regionCode", parse.GetValue(region))
                .With("sector", parse.GetValue(sector))
                .With("q", parse.GetValue(query));
            var table = new Table("ID", "CODE", "NAME", "REGION", "ACCEPTS", "CAPACITY", "SERVICES");
            return ListOutput.WriteAsync(run, run.Api.ListAllAsync("v1/agencies", filter, parse.GetValue(common.PageSize), ct), table, agency =>
            [
                (string?)agency["id"], (string?)agency["code"], (string?)agency["name"], (string?)agency["regionCode"],
                (bool?)agency["acceptsReferrals"] == true ? "yes" : "no", (string?)agency["capacityStatus"], ListOutput.Codes(agency["services"]),
            ]);
        }, ct));
        return command;
    }
}
