using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace IsItDownBot.Testing;

/// <summary>Bot API objects as JSON, in the shapes https://core.telegram.org/bots/api documents.</summary>
internal static partial class FakeTelegramJson
{
    public static readonly string[] MemberStatuses = ["creator", "administrator", "member", "restricted", "left", "kicked"];

    /// <summary>A number or a numeric string (form fields arrive as strings); null otherwise.</summary>
    public static long? ReadLong(JsonNode? node)
    {
        if (node is not JsonValue value)
            return null;
        if (value.GetValueKind() == JsonValueKind.Number)
            return value.GetValue<long>();
        return value.TryGetValue(out string? text) && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : null;
    }

    public static string? ReadString(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    /// <summary>Bodies are shared with test threads: JsonNode materializes parsed objects lazily and
    /// not thread-safely, so walk the whole tree once before anyone else sees it.</summary>
    public static void Materialize(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, child) in obj)
                    Materialize(child);
                break;
            case JsonArray array:
                foreach (var child in array)
                    Materialize(child);
                break;
        }
    }

    public static JsonObject Ok(JsonNode? result) => new() { ["ok"] = true, ["result"] = result };

    public static JsonObject Error(int code, string description, JsonObject? parameters = null)
    {
        var error = new JsonObject { ["ok"] = false, ["error_code"] = code, ["description"] = description };
        if (parameters is not null)
            error["parameters"] = parameters;
        return error;
    }

    public static JsonObject User(long id, string firstName, string? username, string? languageCode, bool isBot = false)
    {
        var user = new JsonObject { ["id"] = id, ["is_bot"] = isBot, ["first_name"] = firstName };
        if (username is not null)
            user["username"] = username;
        if (languageCode is not null)
            user["language_code"] = languageCode;
        return user;
    }

    /// <summary>A private chat mirrors its user; groups, supergroups and channels have a title.</summary>
    public static JsonObject Chat(long id, string type, JsonObject? privateUser = null)
    {
        var chat = new JsonObject { ["id"] = id, ["type"] = type };
        if (type == "private")
        {
            chat["first_name"] = privateUser?["first_name"]?.DeepClone() ?? $"User {id}";
            if (privateUser?["username"] is { } username)
                chat["username"] = username.DeepClone();
        }
        else
        {
            chat["title"] = $"Test {type} {id}";
        }
        return chat;
    }

    /// <summary>What Telegram would call a chat with this id when the fake has not seen it: positive ids
    /// are users, -100… supergroups, other negative ids basic groups.</summary>
    public static string GuessChatType(long chatId) =>
        chatId > 0 ? "private" : chatId <= -1_000_000_000_000 ? "supergroup" : "group";

    /// <summary>bot_command for a leading /command, mention for each @username (offsets in UTF-16 code units, as Telegram counts).</summary>
    public static JsonArray Entities(string text)
    {
        var entities = new JsonArray();
        if (text.StartsWith('/'))
        {
            var command = CommandPattern().Match(text);
            entities.Add(Entity("bot_command", 0, command.Length));
        }
        foreach (Match mention in MentionPattern().Matches(text))
            entities.Add(Entity("mention", mention.Index, mention.Length));
        return entities;
    }

    public static JsonObject ChatMember(string status, JsonObject user) => status switch
    {
        "creator" => new JsonObject { ["status"] = status, ["user"] = user, ["is_anonymous"] = false },
        "administrator" => new JsonObject
        {
            ["status"] = status,
            ["user"] = user,
            ["can_be_edited"] = false,
            ["is_anonymous"] = false,
            ["can_manage_chat"] = true,
            ["can_delete_messages"] = true,
            ["can_manage_video_chats"] = true,
            ["can_restrict_members"] = true,
            ["can_promote_members"] = false,
            ["can_change_info"] = true,
            ["can_invite_users"] = true,
            ["can_post_stories"] = false,
            ["can_edit_stories"] = false,
            ["can_delete_stories"] = false,
            ["can_pin_messages"] = true,
        },
        "restricted" => new JsonObject
        {
            ["status"] = status,
            ["user"] = user,
            ["is_member"] = true,
            ["can_send_messages"] = false,
            ["can_send_audios"] = false,
            ["can_send_documents"] = false,
            ["can_send_photos"] = false,
            ["can_send_videos"] = false,
            ["can_send_video_notes"] = false,
            ["can_send_voice_notes"] = false,
            ["can_send_polls"] = false,
            ["can_send_other_messages"] = false,
            ["can_add_web_page_previews"] = false,
            ["can_change_info"] = false,
            ["can_invite_users"] = false,
            ["can_pin_messages"] = false,
            ["can_manage_topics"] = false,
            ["until_date"] = 0, // 0: restricted forever
        },
        "kicked" => new JsonObject { ["status"] = status, ["user"] = user, ["until_date"] = 0 },
        _ => new JsonObject { ["status"] = status, ["user"] = user }, // member, left
    };

    private static JsonObject Entity(string type, int offset, int length) =>
        new() { ["type"] = type, ["offset"] = offset, ["length"] = length };

    [GeneratedRegex(@"^/[^\s]+")]
    private static partial Regex CommandPattern();

    [GeneratedRegex(@"(?<![\w@])@[A-Za-z0-9_]{5,32}\b")]
    private static partial Regex MentionPattern();
}
