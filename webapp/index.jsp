<%@ page contentType="text/html;charset=UTF-8" pageEncoding="UTF-8" trimDirectiveWhitespaces="true" session="false" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<%-- The chat page: rendered here with the room list and the recent history of the room (every piece of user text
     through c:out, i.e. escaped), then live through js/chat.js. No HTTP session (session="false": nothing here
     needs one, and no visitor gets a cookie); no inline script or style (the Content-Security-Policy set in
     web.xml forbids them). Rooms and lines are records, read with method calls (r.name()): EL 5.0, that of
     Jakarta EE 10 servers such as WildFly, sees no record component as a property. --%>
<jsp:useBean id="chat" class="org.socketioee.chat.ChatPageModel" scope="request"/>
<jsp:setProperty name="chat" property="room" param="room"/>
<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="color-scheme" content="light dark">
  <title>socketio-ee chat · #<c:out value="${chat.room}"/></title>
  <link rel="icon" href="favicon.svg" type="image/svg+xml">
  <link rel="stylesheet" href="css/chat.css">
  <script type="module" src="js/chat.js"></script>
</head>
<body data-room="<c:out value='${chat.room}'/>" data-max-length="${chat.maxMessageLength}">
<header>
  <button id="toggle-sidebar" type="button" aria-controls="sidebar" aria-label="Rooms">☰</button>
  <h1>#<span id="room-name"><c:out value="${chat.room}"/></span></h1>
  <span id="status" class="status offline" role="status">connecting…</span>
</header>
<div class="layout">
  <aside id="sidebar">
    <h2>Rooms</h2>
    <ul id="rooms">
      <c:forEach items="${chat.rooms}" var="r">
        <li data-room="<c:out value='${r.name()}'/>" class="${r.name() == chat.room ? 'current' : ''}">
          <a href="?room=<c:out value='${r.name()}'/>">#<c:out value="${r.name()}"/></a>
          <span class="unread" title="unread messages"></span>
          <span class="online" title="online"></span>
        </li>
      </c:forEach>
    </ul>
    <form id="new-room" autocomplete="off">
      <input id="new-room-name" name="name" placeholder="new-room" maxlength="32" aria-label="New room name"
             value="<c:if test='${chat.missingRoomCreatable}'><c:out value='${chat.missingRoom}'/></c:if>">
      <button type="submit">Create</button>
    </form>
    <h2>Online</h2>
    <ul id="members"></ul>
    <p class="me">You: <span id="me"></span></p>
  </aside>
  <main>
    <c:if test="${chat.error != null}">
      <p class="error" id="server-error"><c:out value="${chat.error}"/></p>
    </c:if>
    <c:if test="${chat.missingRoom != null}">
      <p class="error" id="room-error">There is no room #<c:out value="${chat.missingRoom}"/>: you are in
        #<c:out value="${chat.room}"/>.${chat.missingRoomCreatable ? ' Create it with the form under Rooms.' : ''}</p>
    </c:if>
    <button id="load-older" type="button" ${chat.history.hasMore() ? '' : 'hidden'}>Load older messages</button>
    <ol id="messages" aria-live="polite">
      <c:forEach items="${chat.messages}" var="m">
        <li class="msg" data-id="${m.id()}" data-nick="<c:out value='${m.nick()}'/>"><span class="nick"><c:out value="${m.nick()}"/></span><time datetime="${m.isoTime()}">${m.time()}</time><span class="text"><c:out value="${m.text()}"/></span></li>
      </c:forEach>
    </ol>
    <div id="typing" aria-live="polite"></div>
    <p id="offline" role="alert" hidden></p>
    <form id="composer" autocomplete="off">
      <input id="input" name="text" placeholder="Message #${chat.room} (Enter to send; /msg nick text: private)"
             aria-label="Message" aria-describedby="count" disabled>
      <span id="count" aria-live="polite"></span>
      <button type="submit">Send</button>
    </form>
  </main>
</div>
<dialog id="login">
  <form id="login-form" method="dialog">
    <label for="nick">Choose a nickname</label>
    <input id="nick" name="nick" required maxlength="24" pattern="[\p{L}\p{N}_.\-]+" autocomplete="nickname">
    <p id="login-error" class="error"></p>
    <button type="submit">Join</button>
  </form>
</dialog>
</body>
</html>
