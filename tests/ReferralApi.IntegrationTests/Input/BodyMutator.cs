using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ReferralApi.IntegrationTests.Input;

/// <summary>One generated request body and how it was made, so a failure can be read and replayed.</summary>
public sealed record FuzzCase(string Description, byte[] Body);

/// <summary>
/// Deterministic broken bodies for POST /v1/referrals: a valid body bent one to three ways, or text
/// and bytes that are no referral at all. The same seed always gives the same cases.
/// </summary>
public sealed class BodyMutator(int seed)
{
    private static readonly JsonSerializerOptions Unescaped = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly Random random = new(seed);

    /// <summary>Values JsonNode cannot hold (overflowing numbers, lone surrogates) go in as placeholders replaced in the text.</summary>
    private readonly Dictionary<string, string> raw = [];

    public FuzzCase Next(JsonObject valid)
    {
        raw.Clear();
        return random.Next(12) switch
        {
            < 7 => Bent(valid),
            7 => Text("truncated", Truncate(Serialize(valid))),
            8 => new FuzzCase("random bytes", RandomBytes()),
            9 => DeeplyNested(valid),
            _ => DuplicateKeys(valid),
        };
    }

    private FuzzCase Bent(JsonObject body)
    {
        var steps = new List<string>();
        for (var n = random.Next(1, 4); n > 0; n--)
        {
            var places = BodyPlaces.All(body);
            if (places.Count == 0)
            {
                break;
            }

            var place = places[random.Next(places.Count)];
            steps.Add(Apply(place) + " at " + place.Path);
        }

        return Text(string.Join("; ", steps), Serialize(body));
    }

    private string Apply(BodyPlace place)
    {
        switch (random.Next(10))
        {
            case 0:
                place.Drop();
                return "drop";
            case 1:
                place.Replace(null);
                return "null";
            case 2:
                place.Replace(Pick(FuzzValues.WrongTypes)());
                return "wrong type";
            case 3:
                var number = Pick(FuzzValues.HugeNumbers);
                place.Replace(Raw(number));
                return "huge number " + number;
            case 4:
                place.Replace(Garbage(random.Next(1, 8)));
                return "nested garbage";
            case 5:
                var tricky = Pick(FuzzValues.TrickyStrings);
                place.Replace(tricky);
                return "tricky string " + JsonSerializer.Serialize(tricky);
            case 6:
                place.Replace(RandomString(random.Next(0, 3) == 0 ? random.Next(1000, 300_000) : random.Next(0, 40)));
                return "random string";
            case 7:
                var token = Pick(FuzzValues.RawStrings);
                place.Replace(Raw(token));
                return "broken unicode " + token;
            case 8:
                place.AddUnknownSibling(Pick(FuzzValues.UnknownNames), RandomString(5));
                return "unknown field";
            default:
                place.Replace(new JsonArray([.. Enumerable.Range(0, random.Next(2, 2000)).Select(_ => (JsonNode?)Pick(FuzzValues.TrickyStrings))]));
                return "long array";
        }
    }

    private FuzzCase DeeplyNested(JsonObject body)
    {
        var depth = Pick([63, 64, 65, 200, 5_000, 60_000]);
        var (open, close) = random.Next(2) == 0 ? ("[", "]") : ("{\"a\":", "}");
        var nested = string.Concat(Enumerable.Repeat(open, depth)) + "1" + string.Concat(Enumerable.Repeat(close, depth));
        var field = Pick(["$", "subject", "trafficking", "reason", "violenceTypes"]);
        if (field == "$")
        {
            return Text($"nested {depth} deep as the body", nested);
        }

        body[field] = Raw(nested);
        return Text($"nested {depth} deep at {field}", Serialize(body));
    }

    private FuzzCase DuplicateKeys(JsonObject body)
    {
        var text = Serialize(body);
        var name = Pick(["urgency", "toAgencyId", "legalBasis", "subject", "reason", "Urgency", "consent"]);
        var value = Pick(["\"routine\"", "null", "\"URGENT\"", "{}", "[]", "1", "\"" + Guid.Empty + "\""]);
        var at = random.Next(2) == 0 ? 1 : text.IndexOf("\"subject\":{", StringComparison.Ordinal) + "\"subject\":{".Length;
        return Text($"duplicate {name}={value} at offset {at}", text.Insert(at, $"\"{name}\":{value},"));
    }

    private JsonNode Garbage(int depth) => depth == 0 || random.Next(4) == 0
        ? Pick(FuzzValues.WrongTypes)() ?? JsonValue.Create(0)
        : random.Next(2) == 0
            ? new JsonArray([.. Enumerable.Range(0, random.Next(1, 4)).Select(_ => (JsonNode?)Garbage(depth - 1))])
            : new JsonObject(Enumerable.Range(0, random.Next(1, 4)).Select(i => KeyValuePair.Create(RandomString(random.Next(1, 6)) + i, (JsonNode?)Garbage(depth - 1))));

    private string RandomString(int length)
    {
        var alphabet = Pick(FuzzValues.Alphabets);
        var builder = new StringBuilder(length);
        while (builder.Length < length)
        {
            builder.Append(alphabet[random.Next(alphabet.Length)]);
        }

        return builder.ToString();
    }

    private byte[] RandomBytes()
    {
        var bytes = new byte[random.Next(1, 600)];
        random.NextBytes(bytes);
        if (random.Next(2) == 0)
        {
            bytes[0] = (byte)'{';
        }

        return bytes;
    }

    private string Truncate(string text) => text[..random.Next(0, text.Length)];

    private JsonValue Raw(string json)
    {
        var placeholder = $"@raw{raw.Count}@";
        raw[placeholder] = json;
        return JsonValue.Create(placeholder);
    }

    private string Serialize(JsonObject body)
    {
        var text = random.Next(2) == 0 ? body.ToJsonString() : body.ToJsonString(Unescaped);
        foreach (var (placeholder, json) in raw)
        {
            text = text.Replace("\"" + placeholder + "\"", json, StringComparison.Ordinal);
        }

        return text;
    }

    private static FuzzCase Text(string description, string text) => new(description, Encoding.UTF8.GetBytes(text));

    private T Pick<T>(IReadOnlyList<T> values) => values[random.Next(values.Count)];
}
